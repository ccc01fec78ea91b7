import PlacementModel
import Testing

/// Day arithmetic is what every wait and start date rests on: dates as day
/// numbers, across month ends, leap days and years.
@Suite("Day arithmetic")
struct DayTests {
    @Test("known day numbers: the epoch, leap days, the planning date")
    func knownNumbers() {
        #expect(Day(year: 1970, month: 1, day: 1)?.number == 0)
        #expect(Day(year: 2000, month: 3, day: 1)?.number == 11_017)
        #expect(Day(year: 2026, month: 11, day: 23)?.number == 20_780)
        #expect(Day(year: 1969, month: 12, day: 31)?.number == -1)
    }

    @Test("dates that do not exist are refused")
    func invalidDates() {
        #expect(Day(year: 2026, month: 2, day: 29) == nil)
        #expect(Day(year: 2028, month: 2, day: 29) != nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 2026, month: 4, day: 31) == nil)
        #expect(Day(year: 2026, month: 13, day: 1) == nil)
        #expect(Day(year: 2026, month: 0, day: 1) == nil)
        #expect(Day(iso: "2026-1-05") == nil)
        #expect(Day(iso: "2026-01-0x") == nil)
        #expect(Day(iso: "2026/01/05") == nil)
    }

    @Test("adding days crosses month and year ends; the difference is exact")
    func arithmetic() throws {
        let d = try #require(Day(iso: "2026-12-30"))
        #expect((d + 2).description == "2027-01-01")
        #expect((d + 61).description == "2027-03-01")
        #expect((try #require(Day(iso: "2028-02-28")) + 1).description == "2028-02-29")
        #expect(try #require(Day(iso: "2027-11-23")) - (try #require(Day(iso: "2026-11-23"))) == 365)
        #expect(try #require(Day(iso: "2029-11-23")) - (try #require(Day(iso: "2028-11-23"))) == 365)
        #expect(try #require(Day(iso: "2028-11-23")) - (try #require(Day(iso: "2027-11-23"))) == 366)
        #expect(d + 0 == d && d + 1 > d)
    }

    @Test("every day from 1900 to 2100 prints and parses back to itself")
    func roundTrip() throws {
        let first = try #require(Day(iso: "1900-01-01")), last = try #require(Day(iso: "2100-12-31"))
        var previous: (Int, Int, Int)?
        for n in first.number...last.number {
            let day = Day(number: n)
            #expect(Day(iso: day.description) == day)
            let c = day.components
            if let p = previous {
                // the next calendar date: the day, else the month, else the year moves on
                let next = c.2 == p.2 + 1 && c.1 == p.1 && c.0 == p.0
                    || c.2 == 1 && c.1 == p.1 + 1 && c.0 == p.0
                    || c.2 == 1 && c.1 == 1 && p.1 == 12 && c.0 == p.0 + 1
                #expect(next)
            }
            previous = c
        }
    }
}
