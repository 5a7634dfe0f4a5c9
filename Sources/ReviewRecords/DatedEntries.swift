import FrameworkModel

/// Entries of one kind about one thing (the gLExec reviews by one organisation, say), in order of
/// date and, on one date, in file order. The entries dated on or before a day are then a prefix,
/// found by binary search: the history reads the file on each of its days, and a scan of the
/// whole section for each day would make it quadratic in the size of the file.
struct DatedEntries<Entry: Sendable>: Sendable {
    private let entries: [Entry]
    private let dates: [CalendarDay]
    private let offsets: [Int]
    /// `firstWritten[k]`: which of the first `k + 1` entries comes first in the file, so that
    /// where the entries dated up to a day first appear is known without a scan.
    private let firstWritten: [Int]

    /// `entries` with their positions in the file (any increasing numbering).
    init(_ entries: [(offset: Int, element: Entry)], date: (Entry) -> CalendarDay) {
        // The positions are sorted, not the entries: an entry is a struct of strings, and moving
        // it retains and releases each of them.
        let entryDates = entries.map { date($0.element) }
        let order = entries.indices.sorted { a, b in
            entryDates[a] < entryDates[b] || (entryDates[a] == entryDates[b] && entries[a].offset < entries[b].offset)
        }
        self.entries = order.map { entries[$0].element }
        dates = order.map { entryDates[$0] }
        let offsets = order.map { entries[$0].offset }
        var first = 0
        firstWritten = offsets.indices.map { index in
            if offsets[index] < offsets[first] { first = index }
            return first
        }
        self.offsets = offsets
    }

    /// How many entries are dated on or before `day` (or, not `inclusive`, before it).
    private func count(asOf day: CalendarDay, inclusive: Bool = true) -> Int {
        var (low, high) = (0, dates.count)
        while low < high {
            let middle = (low + high) / 2
            if dates[middle] < day || (inclusive && dates[middle] == day) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The entries dated on or before `day`, oldest first.
    func asOf(_ day: CalendarDay) -> ArraySlice<Entry> { entries[..<count(asOf: day)] }

    /// The latest dated on or before `day`; of several on that date, the last written.
    func latest(asOf day: CalendarDay) -> Entry? { asOf(day).last }

    /// The earliest dated, if it is on or before `day`; of several on that date, the first written.
    func earliest(asOf day: CalendarDay) -> Entry? { dates.first.flatMap { $0 <= day ? entries.first : nil } }

    /// Of the entries dated on the latest date on or before `day`, the first written.
    func firstOfLatest(asOf day: CalendarDay) -> Entry? {
        let end = count(asOf: day)
        guard end > 0 else { return nil }
        return entries[count(asOf: dates[end - 1], inclusive: false)]
    }

    /// Of the entries dated on or before `day`, the one written first, with its position in the file.
    func firstWritten(asOf day: CalendarDay) -> (offset: Int, entry: Entry)? {
        let end = count(asOf: day)
        guard end > 0 else { return nil }
        let index = firstWritten[end - 1]
        return (offsets[index], entries[index])
    }

    /// The entries grouped by `key`, each group in the order above.
    static func grouped<Key: Hashable>(
        _ entries: [Entry], by key: (Entry) -> Key, date: (Entry) -> CalendarDay
    ) -> [Key: DatedEntries] {
        Dictionary(grouping: Array(entries.enumerated())) { key($0.element) }.mapValues { DatedEntries($0, date: date) }
    }
}

/// The sections of a status file grouped by what they are about and ordered by date, once, so
/// that the tracker finds the entries that count on a day without reading the whole file.
struct StatusIndex: Sendable {
    struct Site: Hashable, Sendable {
        var batchSystem: String
        /// Empty when the site is not on record.
        var site: String
    }

    struct ProductState: Hashable, Sendable {
        var product: String
        var state: ServiceState.State
    }

    /// By organisation.
    let glexecReviews: [String: DatedEntries<GLExecReview>]
    /// By batch system and site; `sites` lists each batch system's sites.
    let batchSystemTests: [Site: DatedEntries<BatchSystemTest>]
    let sites: [String: [String]]
    /// By product and state.
    let authorizationService: [ProductState: DatedEntries<ServiceState>]
    let products: [String]
    let glexecDeployment: DatedEntries<DeploymentState>
    /// By framework and VO (`FrameworkKey`).
    let frameworkReviews: [FrameworkKey: DatedEntries<FrameworkRecommendation>]
    /// The MB decisions that say whether the policy is in effect.
    let declarations: DatedEntries<MBDecision>
    /// By prerequisite, the MB decisions that assess it, each with its last item about it.
    let assessments: [String: DatedEntries<Assessment>]

    /// An MB decision and the position of its last assessment item about one prerequisite: found
    /// once, not by a scan of the decision's items for each prerequisite on each day (8 000
    /// prerequisites assessed by one decision of 100 000 items took 6.5 s).
    struct Assessment {
        let decision: MBDecision
        let item: Int
        var date: CalendarDay { decision.date }
    }

    init(_ status: PrerequisiteStatusFile) {
        glexecReviews = DatedEntries.grouped(status.glexecReviews, by: \.organisation, date: \.date)
        batchSystemTests = DatedEntries.grouped(
            status.batchSystemTests, by: { Site(batchSystem: $0.batchSystem, site: $0.site ?? "") }, date: \.date)
        sites = Dictionary(grouping: batchSystemTests.keys, by: \.batchSystem).mapValues { $0.map(\.site) }
        authorizationService = DatedEntries.grouped(
            status.authorizationService, by: { ProductState(product: $0.product, state: $0.state) }, date: \.date)
        products = Array(Set(status.authorizationService.map(\.product)))
        glexecDeployment = DatedEntries(Array(status.glexecDeployment.enumerated()), date: \.date)
        frameworkReviews = DatedEntries.grouped(status.frameworkReviews, by: \.key, date: \.date)
        declarations = DatedEntries(
            status.mbDecisions.enumerated().filter { $0.element.policyInEffect != nil }, date: \.date)
        var assessing: [String: [(offset: Int, element: Assessment)]] = [:]
        for (offset, decision) in status.mbDecisions.enumerated() {
            var last: [String: Int] = [:]
            for (item, assessed) in decision.assessment.enumerated() { last[assessed.prerequisite] = item }
            for (id, item) in last {
                assessing[id, default: []].append((offset: offset, element: Assessment(decision: decision, item: item)))
            }
        }
        assessments = assessing.mapValues { DatedEntries($0, date: \.date) }
    }
}
