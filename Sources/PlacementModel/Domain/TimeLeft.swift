/// What a progress line says is left of a phase that goes item by item
/// (children explained), from the rate so far: "about 3 min left". Nil
/// while the rate says too little: before `settle` seconds, with nothing
/// done yet, or when all is done.
public enum TimeLeft {
    public static func text(spent: Double, done: Int, total: Int, settle: Double = 5) -> String? {
        guard spent >= settle, done > 0, done < total else { return nil }
        let left = spent / Double(done) * Double(total - done)
        guard left.isFinite else { return nil }
        if left < 90 { return "about \(max(1, Int(left.rounded()))) s left" }
        if left < 90 * 60 { return "about \(Int((left / 60).rounded())) min left" }
        return "about \(Int((left / 3600).rounded())) h left"
    }
}
