import CXlsxWriter
import Foundation
import Placement
public import PlacementIO
import PlacementModel

/// assignments.xlsx (issue 15): the proposal as a coordinator opens it in
/// Excel. A sheet of placed children, one of the unplaced with their reasons,
/// and a summary; real dates and numbers, a frozen header and filters. The
/// same plan gives the same bytes (the workbook's creation time is the
/// planning date).
public enum AssignmentsWorkbook {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The workbook's bytes.
    public static func bytes(_ report: PlanReport) throws -> [UInt8] {
        let path = NSTemporaryDirectory() + "careplace-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).xlsx"
        defer { unlink(path) }
        guard let workbook = workbook_new(path) else { throw Failure(description: "cannot start the workbook in \(NSTemporaryDirectory())") }
        let sheets = Sheets(workbook, words: report.language.catalogue)
        sheets.fix(createdOn: report.plan.problem.landscape.planningDate)
        let rows = report.rows
        sheets.proposal(rows.filter(\.placed))
        sheets.unplaced(rows.filter { !$0.placed })
        sheets.summary(report)
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw Failure(description: "cannot write the workbook: \(String(cString: lxw_strerror(status)))")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "cannot read back the workbook") }
        return [UInt8](data)
    }
}

/// The sheets, written with libxlsxwriter's C API (the workbook owns every
/// pointer until it is closed).
private struct Sheets {
    let workbook: UnsafeMutablePointer<lxw_workbook>
    /// Sheet names, column titles and labels in the report's language.
    let words: any Catalogue
    let header, date, decimal1, decimal2, percent: UnsafeMutablePointer<lxw_format>?
    /// Excel's limit for one cell's text.
    static let maxText = 32_000

    init(_ workbook: UnsafeMutablePointer<lxw_workbook>, words: any Catalogue) {
        self.workbook = workbook
        self.words = words
        header = workbook_add_format(workbook)
        format_set_bold(header)
        format_set_bg_color(header, 0xDDE4EE)
        func numbers(_ pattern: String) -> UnsafeMutablePointer<lxw_format>? {
            let f = workbook_add_format(workbook)
            format_set_num_format(f, pattern)
            return f
        }
        date = numbers("yyyy-mm-dd")
        decimal1 = numbers("0.0")
        decimal2 = numbers("0.00")
        percent = numbers("0.0%")
    }

    func fix(createdOn day: Day) {
        var properties = lxw_doc_properties()
        let title = strdup("careplace proposal"), author = strdup("careplace")
        defer { free(title); free(author) }
        properties.title = title
        properties.author = author
        properties.created = time_t(day.number) * 86_400
        workbook_set_properties(workbook, &properties)
    }

    func sheet(_ name: String, columns: [(String, Double)], rows: Int) -> UnsafeMutablePointer<lxw_worksheet>? {
        let sheet = workbook_add_worksheet(workbook, name)
        for (k, (title, width)) in columns.enumerated() {
            worksheet_write_string(sheet, 0, lxw_col_t(k), words.column(title), header)
            worksheet_set_column(sheet, lxw_col_t(k), lxw_col_t(k), width, nil)
        }
        worksheet_freeze_panes(sheet, 1, 0)
        worksheet_autofilter(sheet, 0, 0, lxw_row_t(rows), lxw_col_t(columns.count - 1))
        return sheet
    }

    func text(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, _ row: Int, _ col: Int, _ value: String) {
        guard !value.isEmpty else { return }
        // Excel's limit is in bytes of UTF-8 here: cut there (a cut character becomes U+FFFD)
        let text = value.utf8.count <= Self.maxText ? value : String(decoding: value.utf8.prefix(Self.maxText), as: UTF8.self)
        worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(col), text, nil)
    }

    func number(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, _ row: Int, _ col: Int, _ value: Double?, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
        guard let value, value.isFinite else { return }
        worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(col), value, format)
    }

    func day(_ sheet: UnsafeMutablePointer<lxw_worksheet>?, _ row: Int, _ col: Int, _ value: Day?) {
        guard let value else { return }
        let (y, m, d) = value.components
        var when = lxw_datetime(year: Int32(y), month: Int32(m), day: Int32(d), hour: 0, min: 0, sec: 0)
        worksheet_write_datetime(sheet, lxw_row_t(row), lxw_col_t(col), &when, date)
    }

    func proposal(_ rows: [AssignmentRow]) {
        let columns: [(String, Double)] = [
            ("id", 12), ("region", 16), ("network", 14), ("urgency", 9), ("needs", 22), ("service", 24), ("facilityOrTeam", 20),
            ("mode", 11), ("careType", 14), ("startDate", 11), ("waitDays", 9), ("distanceKm", 11), ("cost", 10),
        ]
        let sheet = sheet(words.sheets.proposal, columns: columns, rows: rows.count)
        for (k, r) in rows.enumerated() {
            let at = k + 1
            for (col, value) in [r.id, r.region, r.network, r.urgency, r.needs, r.service, r.facilityOrTeam, r.mode, r.careType].enumerated() {
                text(sheet, at, col, value)
            }
            day(sheet, at, 9, r.startDate)
            number(sheet, at, 10, r.waitDays.map(Double.init))
            number(sheet, at, 11, r.distanceKm, decimal1)
            number(sheet, at, 12, r.cost, decimal2)
        }
    }

    func unplaced(_ rows: [AssignmentRow]) {
        let columns: [(String, Double)] = [
            ("id", 12), ("region", 16), ("network", 14), ("urgency", 9), ("needs", 22), ("reason", 22), ("explanation", 90), ("cost", 10),
        ]
        let sheet = sheet(words.sheets.unplaced, columns: columns, rows: rows.count)
        for (k, r) in rows.enumerated() {
            for (col, value) in [r.id, r.region, r.network, r.urgency, r.needs, r.reason, r.explanation].enumerated() {
                text(sheet, k + 1, col, value)
            }
            number(sheet, k + 1, 7, r.cost, decimal2)
        }
    }

    func summary(_ report: PlanReport) {
        let sheet = workbook_add_worksheet(workbook, words.sheets.summary)
        worksheet_set_column(sheet, 0, 0, 34, nil)
        worksheet_set_column(sheet, 1, 1, 16, nil)
        let k = report.kpis, plan = report.plan
        var row = 0
        func line(_ label: String, _ write: (Int) -> Void) {
            worksheet_write_string(sheet, lxw_row_t(row), 0, words.workbook(label), row == 0 ? header : nil)
            write(row)
            row += 1
        }
        line("careplace proposal") { _ in }
        line("planning date") { day(sheet, $0, 1, plan.problem.landscape.planningDate) }
        line("status") { text(sheet, $0, 1, plan.status.rawValue) }
        line("objective (km-equivalents)") { number(sheet, $0, 1, plan.objective, decimal2) }
        line("gap") { number(sheet, $0, 1, plan.gap ?? 0, percent) }
        line("children") { number(sheet, $0, 1, Double(k.cases)) }
        line("placed") { number(sheet, $0, 1, Double(k.placed)) }
        line("unplaced") { number(sheet, $0, 1, Double(k.unplaced)) }
        for urgency in Urgency.allCases {
            line(words.workbook("unplaced, ") + urgency.rawValue) { number(sheet, $0, 1, Double(k.unplacedByUrgency[urgency.rawValue] ?? 0)) }
        }
        for (name, d) in [("distance (km)", k.distanceKm), ("wait (days)", k.waitDays)] {
            for (stat, value) in [("mean", d.mean), ("p50", d.p50), ("p90", d.p90), ("max", d.max)] {
                line(words.workbook(name + ", ") + words.workbook(stat)) { number(sheet, $0, 1, value, decimal1) }
            }
        }
        line("helped at home (share of placed)") { number(sheet, $0, 1, k.shareHomeBased, percent) }
        line("outside own network (share of placed)") { number(sheet, $0, 1, k.shareOutsideNetwork, percent) }
        for t in plan.problem.landscape.careTypes {
            guard let u = k.utilisationByCareType[t.id.rawValue], u.places > 0 else { continue }
            line(words.workbook("utilisation, ") + t.name) { number(sheet, $0, 1, u.share, percent) }
        }
    }
}
