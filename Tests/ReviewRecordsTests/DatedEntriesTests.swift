import TestSupport
import Testing

@testable import ReviewRecords

/// The index the tracker reads each day from, held to the plain definitions it replaces: a scan
/// of the entries in file order, on many dates that share days.
@Suite struct DatedEntriesTests {
    /// An entry: its place in the file and its date, as a day number.
    struct Entry: Sendable, Equatable {
        var offset: Int
        var day: Int
    }

    static func date(_ day: Int) -> CalendarDay { CalendarDay(year: 2009, month: 1, day: 1 + day)! }

    typealias Numbers = SplitMix64

    @Test(arguments: 0..<40)
    func answersAsAScanOfTheFileWould(seed: Int) {
        var numbers = Numbers(state: UInt64(seed))
        // Few days for many entries, so that most days hold several.
        let written = (0..<numbers.next(25)).map { Entry(offset: $0 * 3, day: numbers.next(8) + 5) }
        let index = DatedEntries(written.map { (offset: $0.offset, element: $0) }, date: { Self.date($0.day) })
        for day in 0...15 {
            let upTo = written.filter { $0.day <= day }
            let latestDay = upTo.map(\.day).max()
            // The latest dated; of several on that day, the last written.
            #expect(index.latest(asOf: Self.date(day)) == upTo.last { $0.day == latestDay })
            // The same day's first written.
            #expect(index.firstOfLatest(asOf: Self.date(day)) == upTo.first { $0.day == latestDay })
            // The earliest dated of all, first written, if it is on or before the day.
            let earliestDay = written.map(\.day).min()
            let earliest = written.first { $0.day == earliestDay }
            #expect(index.earliest(asOf: Self.date(day)) == (earliestDay.map { $0 <= day } == true ? earliest : nil))
            // The first written up to the day, with its place.
            let first = index.firstWritten(asOf: Self.date(day))
            #expect(first?.entry == upTo.first)
            #expect(first?.offset == upTo.first?.offset)
            // All of them, by date, then in file order.
            let expected = upTo.sorted { ($0.day, $0.offset) < ($1.day, $1.offset) }
            #expect(Array(index.asOf(Self.date(day))) == expected)
        }
    }
}
