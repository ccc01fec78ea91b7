import ArgumentParser

/// `careplace completions bash|zsh|fish`: the shell completion script.
struct CompletionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions",
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            bash: careplace completions bash > /etc/bash_completion.d/careplace
            zsh:  careplace completions zsh > "${fpath[1]}/_careplace"
            fish: careplace completions fish > ~/.config/fish/completions/careplace.fish
            """
    )

    @Argument(help: "bash, zsh or fish.")
    var shell: String

    func validate() throws {
        if CompletionShell(rawValue: shell) == nil { throw ValidationError("found shell \"\(shell)\"; expected bash, zsh or fish") }
    }

    func run() throws {
        guard let kind = CompletionShell(rawValue: shell) else { return }
        print(Careplace.completionScript(for: kind), terminator: "")
    }
}
