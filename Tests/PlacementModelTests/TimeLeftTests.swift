import PlacementModel
import Testing

@Suite("Time left on a progress line")
struct TimeLeftTests {
    @Test("from the rate so far: seconds, then minutes, then hours; nothing before it means something")
    func estimates() {
        // 100 of 2,600 children in 20 s: 2,500 more at 5 a second
        #expect(TimeLeft.text(spent: 20, done: 100, total: 2600) == "about 8 min left")
        #expect(TimeLeft.text(spent: 10, done: 500, total: 1000) == "about 10 s left")
        #expect(TimeLeft.text(spent: 60, done: 10, total: 10_000) == "about 17 h left")
        #expect(TimeLeft.text(spent: 6, done: 999, total: 1000) == "about 1 s left")
        #expect(TimeLeft.text(spent: 4, done: 100, total: 2600) == nil)
        #expect(TimeLeft.text(spent: 20, done: 0, total: 2600) == nil)
        #expect(TimeLeft.text(spent: 20, done: 2600, total: 2600) == nil)
    }
}
