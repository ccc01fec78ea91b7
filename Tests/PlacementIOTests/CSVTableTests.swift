@testable import DutchLandscape
@testable import Placement
@testable import PlacementIO
@testable import PlacementModel
import PlacementTestSupport
import Testing

@Suite("CSVTable: reading Excel CSV exports")
struct CSVTableTests {
    /// The error `text` fails with, or nil if it parses.
    private func error(parsing bytes: [UInt8]) -> CSVError? {
        do {
            _ = try CSVTable(parsing: bytes)
            return nil
        } catch {
            return error
        }
    }

    private func error(parsing text: String) -> CSVError? {
        error(parsing: Array(text.utf8))
    }

    // MARK: Separator detection

    @Test("a comma-separated file is read with ','")
    func commaSeparated() throws {
        let table = try CSVTable(parsing: "id,name,age\n1,Anna,14\n2,Bram,9\n")
        #expect(table.separator == .comma)
        #expect(table.header == ["id", "name", "age"])
        #expect(table.rows.map(\.fields) == [["1", "Anna", "14"], ["2", "Bram", "9"]])
        #expect(table.rows.map(\.line) == [2, 3])
    }

    @Test("a Dutch ';' file keeps decimal commas such as 53,219 inside one field")
    func semicolonWithDecimalCommas() throws {
        let table = try CSVTable(parsing: "casus;lat;lon\nC1;53,219;6,566\nC2;52,090;5,121\n")
        #expect(table.separator == .semicolon)
        #expect(table.header == ["casus", "lat", "lon"])
        #expect(table.rows.map(\.fields) == [["C1", "53,219", "6,566"], ["C2", "52,090", "5,121"]])
    }

    @Test("separators inside quotes in the header do not count; a tie means ','")
    func detectionIgnoresQuotesAndBreaksTiesToComma() throws {
        let quoted = try CSVTable(parsing: "\"a;b;c\",d\n1,2\n")
        #expect(quoted.separator == .comma)
        #expect(quoted.header == ["a;b;c", "d"])

        let tie = try CSVTable(parsing: "a;b,c\n")
        #expect(tie.separator == .comma)
        #expect(tie.header == ["a;b", "c"])

        let single = try CSVTable(parsing: "id\n7\n")
        #expect(single.separator == .comma)
        #expect(single.rows.map(\.fields) == [["7"]])
    }

    // MARK: Encoding and line ends

    @Test("a UTF-8 byte order mark is not part of the first column name")
    func byteOrderMark() throws {
        let table = try CSVTable(parsing: [0xEF, 0xBB, 0xBF] + Array("id;naam\n1;Zoë\n".utf8))
        #expect(table.header == ["id", "naam"])
        #expect(table.column("id") == 0)
        #expect(table.rows.first?.fields == ["1", "Zoë"])
        #expect(table.rows.first?.line == 2)
    }

    @Test("CRLF and bare CR line ends give the same rows and line numbers as LF")
    func lineEnds() throws {
        let lf = try CSVTable(parsing: "a,b\n1,2\n3,4\n")
        let crlf = try CSVTable(parsing: "a,b\r\n1,2\r\n3,4\r\n")
        let cr = try CSVTable(parsing: "a,b\r1,2\r3,4\r")
        #expect(crlf == lf)
        #expect(cr == lf)
        #expect(lf.rows.map(\.line) == [2, 3])
        #expect(crlf.rows.last?.fields == ["3", "4"])
    }

    @Test("the String and byte initialisers agree")
    func stringAndBytesAgree() throws {
        let text = "x;y\n\"1;2\";3\n"
        #expect(try CSVTable(parsing: text) == CSVTable(parsing: Array(text.utf8)))
    }

    // MARK: Quoting

    @Test("quoted fields may hold separators and doubled quotes")
    func quotedSeparatorsAndEscapes() throws {
        let table = try CSVTable(parsing: #"""
            id;opmerking;x
            1;"zorg; wonen";"zei ""nee"" tegen ""ja"""
            2;"""";""
            """#)
        #expect(table.rows.map(\.fields) == [
            ["1", "zorg; wonen", "zei \"nee\" tegen \"ja\""],
            ["2", "\"", ""],
        ])
    }

    @Test("a record with a line break inside quotes keeps its start line; the next row's line is right")
    func embeddedNewlines() throws {
        let table = try CSVTable(parsing: "id,note\n1,\"first\nsecond\r\nthird\"\n2,plain\n")
        #expect(table.rows.count == 2)
        let first = try #require(table.rows.first)
        #expect(first.line == 2)
        #expect(first.fields == ["1", "first\nsecond\r\nthird"])
        #expect(table.rows.last?.line == 5)
        #expect(table.rows.last?.fields == ["2", "plain"])
    }

    @Test("unquoted fields are trimmed; spaces inside quotes are kept")
    func trimming() throws {
        let table = try CSVTable(parsing: " id \t;  naam ;\" code \"\n  7 ; Anna de Vries\t; \"  x  \" \n")
        #expect(table.header == ["id", "naam", "code"])
        #expect(table.rows.first?.fields == ["7", "Anna de Vries", "  x  "])
    }

    @Test("rows with fewer or more fields than the header are returned as they are")
    func raggedRows() throws {
        let table = try CSVTable(parsing: "a;b;c\n1\n1;2;3;4\n;;\n")
        #expect(table.rows.map(\.fields) == [["1"], ["1", "2", "3", "4"], ["", "", ""]])
    }

    // MARK: Blank lines and file ends

    @Test("empty lines are skipped but still counted")
    func emptyLinesSkipped() throws {
        let table = try CSVTable(parsing: "\n\na,b\n\n1,2\r\n\r\n   \n3,4\n\n")
        #expect(table.header == ["a", "b"])
        #expect(table.rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(table.rows.map(\.line) == [5, 8])
    }

    @Test("a header-only file has no rows, with or without a final newline")
    func headerOnly() throws {
        for text in ["id;naam", "id;naam\n", "id;naam\r\n\r\n"] {
            let table = try CSVTable(parsing: text)
            #expect(table.header == ["id", "naam"])
            #expect(table.rows.isEmpty)
        }
    }

    @Test("a trailing newline does not add a row; its absence loses none")
    func trailingNewline() throws {
        let with = try CSVTable(parsing: "a,b\n1,2\n")
        let without = try CSVTable(parsing: "a,b\n1,2")
        #expect(with == without)
        #expect(with.rows.count == 1)
        let emptyLast = try CSVTable(parsing: "a,b\n1,")
        #expect(emptyLast.rows.first?.fields == ["1", ""])
    }

    // MARK: Errors

    @Test("an unterminated quote is reported with the line it was opened on")
    func unterminatedQuote() {
        let error = error(parsing: "a;b\n1;2\n3;4\n5;\"open\n6;7\n")
        #expect(error == CSVError(line: 4, message: "unterminated quoted field (opened on line 4)"))
        #expect(error?.description == "line 4: unterminated quoted field (opened on line 4)")
    }

    @Test("a quote in the middle of an unquoted field is an error on its line")
    func strayQuote() {
        #expect(error(parsing: "a,b\n1,2\n3,4 \"inch\"\n") ==
            CSVError(line: 3, message: "stray quote inside an unquoted field"))
        #expect(error(parsing: "a,b\n1,ab\"\n")?.line == 2)
    }

    @Test("text after a closing quote is an error")
    func textAfterClosingQuote() {
        let error = error(parsing: "a,b\n\"x\ny\",\"ab\"c\n")
        #expect(error?.line == 3)
        #expect(error?.message.contains("closing quote") == true)
    }

    @Test("invalid UTF-8 (e.g. a Windows-1252 export) is reported with its line")
    func invalidUTF8() {
        // "Zoë" in Windows-1252: ë is the lone byte 0xEB.
        let bytes = Array("id;naam\n1;Anna\n2;Zo".utf8) + [0xEB] + Array("\n3;Bram\n".utf8)
        #expect(error(parsing: bytes) == CSVError(line: 3, message: "invalid UTF-8"))
        let crlf = Array("id\r\n\r\n".utf8) + [0xC3, 0x28] + Array("\r\n".utf8)
        #expect(error(parsing: crlf)?.line == 3)
    }

    @Test("an empty file, a lone BOM or only blank lines is an error on line 1",
          arguments: [[], [0xEF, 0xBB, 0xBF], Array("\n\n".utf8), Array("  \r\n\t\n".utf8)] as [[UInt8]])
    func emptyFile(bytes: [UInt8]) {
        #expect(error(parsing: bytes) == CSVError(line: 1, message: "empty file: expected a header row"))
    }

    // MARK: Columns

    @Test("columns are found by exact, case-sensitive name after trimming")
    func columnLookup() throws {
        let table = try CSVTable(parsing: "Casus; Leeftijd ;\"Gemeente \"\n")
        #expect(table.column("Casus") == 0)
        #expect(table.column("Leeftijd") == 1)
        #expect(table.column("  Gemeente\t") == 2)
        #expect(table.column("casus") == nil)
        #expect(table.column("Leeftijd (jaren)") == nil)
    }
}
