import FrameworkModel
import PolicyCatalog
import YAMLDocument

/// Decides the MB prerequisites on any day from the dated evidence of a status file, and the gate
/// that follows from them. A pure function of its inputs: no clock, no files.
///
/// The rules (docs/prerequisites.md):
/// - only entries dated on or before the day count; of several entries about the same thing, the
///   latest counts;
/// - a prerequisite is met when every item it asks for is in evidence, not met when none is (even
///   in part), partly met otherwise;
/// - the policy is in effect when the latest MB declaration on or before the day says so;
///   otherwise it is blocked by the prerequisites not met, or awaits the MB's agreement;
/// - a prerequisite the MB added later is a condition from the day it was added.
public struct PrerequisiteTracker: Sendable {
    public let catalogs: [CatalogReference]
    public let prerequisites: [Prerequisite]
    public let status: PrerequisiteStatusFile
    public let verdicts: [FrameworkVerdictRecord]
    /// The status file's entries grouped and ordered by date: each day is read from it by binary
    /// search, so a history over thousands of dates does not read the whole file for each.
    let index: StatusIndex

    public init(
        prerequisites: [Prerequisite], status: PrerequisiteStatusFile, verdicts: [FrameworkVerdictRecord] = [],
        catalogs: [CatalogReference] = []
    ) {
        self.prerequisites = prerequisites
        self.status = status
        self.verdicts = verdicts
        self.catalogs = catalogs
        index = StatusIndex(status)
    }

    public init(
        catalogs: [PrerequisiteCatalog], status: PrerequisiteStatusFile, verdicts: [FrameworkVerdictRecord] = []
    ) {
        self.init(
            prerequisites: catalogs.flatMap(\.prerequisites), status: status, verdicts: verdicts,
            catalogs: catalogs.map {
                CatalogReference(id: $0.id, title: $0.title, file: $0.file, sha256: $0.source.sha256)
            })
    }

    /// The day a status is given on when none is asked for: the latest date the inputs record (an
    /// entry of the status file, a description's `described_on`, the last signature of a verdict),
    /// never today, so that the same files give the same output. Only the file's dates, a sign-off
    /// made after its latest entry did not count for PRE-2 on the default day, and the MB's page
    /// showed the verdict signed beside "no recommendation on file".
    public var defaultDay: CalendarDay? {
        var day = status.latestDate
        for verdict in verdicts {
            for date in [verdict.describedOn, verdict.signature?.on].compactMap({ $0 })
            where day.map({ date > $0 }) ?? true {
                day = date
            }
        }
        return day
    }

    /// The status on `day`.
    public func report(asOf day: CalendarDay) -> PrerequisiteReport {
        report(asOf: day, latestDate: status.latestDate)
    }

    /// `latestDate` is the file's, passed in: finding it sorts every date of the file, which the
    /// history would otherwise do once for each day.
    private func report(asOf day: CalendarDay, latestDate: CalendarDay?) -> PrerequisiteReport {
        var decided = DayDecisions()
        let states = prerequisites.map { evaluate($0, asOf: day, decided: &decided) }
        return PrerequisiteReport(
            asOf: day, statusFile: status.path, statusFileSHA256: status.sha256, latestDate: latestDate,
            catalogs: catalogs, prerequisites: states, gate: gate(states, asOf: day), verdicts: verdicts)
    }

    /// Every day on which the status changed (a prerequisite's state or summary, the gate, the
    /// exception windows that apply), oldest first, each with the status after the change.
    public func history() -> [StatusChange] {
        let dates = status.dates
        var days = Set(dates)
        for window in status.exceptionWindows { days.insert(window.to.next) }
        for prerequisite in prerequisites {
            if let day = prerequisite.addition.flatMap({ CalendarDay($0.date) }) { days.insert(day) }
        }
        for verdict in verdicts {
            if let day = verdict.describedOn { days.insert(day) }
            if let day = verdict.signature?.on { days.insert(day) }
        }
        let sorted = days.sorted()
        guard let first = sorted.first else { return [] }
        var previous = report(asOf: first.previous, latestDate: dates.last)
        var changes: [StatusChange] = []
        for day in sorted {
            let current = report(asOf: day, latestDate: dates.last)
            let differences = Self.differences(from: previous, to: current)
            if !differences.isEmpty { changes.append(StatusChange(date: day, changes: differences, report: current)) }
            previous = current
        }
        return changes
    }

    static func differences(from old: PrerequisiteReport, to new: PrerequisiteReport) -> [String] {
        var lines: [String] = []
        for (before, after) in zip(old.prerequisites, new.prerequisites) {
            if after.inForce && !before.inForce, let addition = after.addition {
                lines.append("\(after.id): a condition of the policy from this day (added by \(addition.by))")
            }
            if before.state != after.state {
                lines.append("\(after.id): \(before.state.phrase) → \(after.state.phrase) (\(after.summary))")
            } else if before.summary != after.summary {
                lines.append("\(after.id): still \(after.state.phrase) (\(after.summary))")
            } else {
                // Evidence that moves neither the state nor the count (a test planned or begun, a
                // review pending) is still news to the MB: each item it changed, as now worded.
                let was = Dictionary(before.items.map { ($0.name, $0.detail) }, uniquingKeysWith: { first, _ in first })
                let changed = after.items.filter { was[$0.name] != $0.detail }.map(\.detail)
                if !changed.isEmpty {
                    lines.append("\(after.id): still \(after.state.phrase); " + changed.joined(separator: "; "))
                }
            }
        }
        if old.gate.state != new.gate.state {
            lines.append("policy: \(old.gate.phrase) → \(new.gate.phrase)")
        }
        let before = Set(old.gate.exceptionWindows.map(\.id))
        let after = Set(new.gate.exceptionWindows.map(\.id))
        for window in new.gate.exceptionWindows where !before.contains(window.id) {
            lines.append(
                "exception window \(window.id) opens (to \(window.to) inclusive): suspends "
                    + window.suspends.joined(separator: ", "))
        }
        for window in old.gate.exceptionWindows where !after.contains(window.id) {
            lines.append("exception window \(window.id) has ended (last day \(window.to))")
        }
        return lines
    }

    /// " (inferred)" after what an entry the status file infers says (`inferred`).
    static func inferred(_ flag: Bool) -> String { flag ? " (inferred)" : "" }

    // MARK: - The gate

    func gate(_ states: [PrerequisiteStatus], asOf day: CalendarDay) -> PolicyGate {
        let blocking = states.filter { $0.inForce && $0.state != .met }
        let declaration = index.declarations.latest(asOf: day)
        let windows = status.exceptionWindows.filter { $0.covers(day) }.sorted { ($0.from, $0.id) < ($1.from, $1.id) }
        var reasons: [PolicyGate.Reason] = []
        let state: PolicyGate.State
        if let declaration, declaration.policyInEffect == true {
            state = .inEffect
            reasons.append(.init("the MB declared the policy in effect on \(declaration.date)"))
            if !blocking.isEmpty {
                reasons.append(
                    .init(
                        "the evidence on file does not show "
                            + blocking.map { "\($0.id) (\($0.state.phrase))" }.joined(separator: ", ") + " as met"))
            }
        } else {
            state = blocking.isEmpty ? .awaitingMB : .blocked
            for prerequisite in blocking {
                reasons.append(.init("\(prerequisite.id) \(prerequisite.state.phrase)", items: prerequisite.missing))
            }
            if blocking.isEmpty {
                reasons.append(
                    .init(
                        "every prerequisite is met on the evidence, but the policy comes into effect only when the MB "
                            + "agrees, and no MB decision on file declares it in effect"))
            }
            if let declaration {
                reasons.append(.init("the MB recorded on \(declaration.date) that the policy was not in effect"))
            } else if !blocking.isEmpty {
                reasons.append(.init("no MB decision on file declares the policy in effect"))
            }
        }
        var ended: [ExceptionWindow] = []
        var next: ExceptionWindow?
        if windows.isEmpty, let last = status.exceptionWindows.filter({ $0.to < day }).map(\.to).max() {
            ended = status.exceptionWindows.filter { $0.to == last }.sorted { ($0.from, $0.id) < ($1.from, $1.id) }
            next = status.exceptionWindows.filter { $0.from > day }.min { ($0.from, $0.id) < ($1.from, $1.id) }
        }
        return PolicyGate(
            state: state, blocking: blocking.map(\.id), declaration: declaration, reasons: reasons,
            exceptionWindows: windows, endedWindows: ended, nextWindow: next)
    }

    // MARK: - One prerequisite

    public func evaluate(_ prerequisite: Prerequisite, asOf day: CalendarDay) -> PrerequisiteStatus {
        var decided = DayDecisions()
        return evaluate(prerequisite, asOf: day, decided: &decided)
    }

    /// What the evidence decides on one day, kept while the day's report is made: each
    /// prerequisite reads the entries of its kind, and a catalog of thousands of prerequisites
    /// read the same thousands of entries for each (2 000 prerequisites and 5 000 batch-system
    /// tests took 4 s). The same evidence is decided once, and a batch system's item once.
    struct DayDecisions {
        var decisions: [PrerequisiteEvidence: Decision] = [:]
        var batchSystemItems: [String: RequirementItem] = [:]
        /// The batch systems with a test on file by the day.
        var testedSystems: Set<String>?
    }

    func evaluate(_ prerequisite: Prerequisite, asOf day: CalendarDay, decided: inout DayDecisions)
        -> PrerequisiteStatus
    {
        let decision: Decision
        if let known = decided.decisions[prerequisite.evidence] {
            decision = known
        } else {
            switch prerequisite.evidence {
            case .glexecReviews(let organisations):
                decision = glexecReviews(organisations, asOf: day)
            case .frameworkReviews(let organisations):
                decision = frameworkReviews(organisations, asOf: day)
            case .batchSystemTests(let systems):
                decision = batchSystemTests(systems, asOf: day, decided: &decided)
            case .authorizationService(let products):
                decision = authorizationService(products, asOf: day)
            case .glexecDeployment:
                decision = glexecDeployment(asOf: day)
            }
            decided.decisions[prerequisite.evidence] = decision
        }
        let items = decision.items
        let state: PrerequisiteState
        if !items.isEmpty && items.allSatisfy({ $0.state == .done }) {
            state = .met
        } else if items.contains(where: { $0.state != .absent }) {
            state = .partlyMet
        } else {
            state = .notMet
        }
        let mbReported = index.assessments[prerequisite.id]?.latest(asOf: day).map { assessed in
            let (decision, item) = (assessed.decision, assessed.decision.assessment[assessed.item])
            return MBReported(
                date: decision.date, state: item.state, notes: item.notes, origin: decision.origin,
                agreesWithEvidence: item.state == state)
        }
        return PrerequisiteStatus(
            id: prerequisite.id, title: prerequisite.title, paraphrase: prerequisite.paraphrase,
            decidedBy: prerequisite.decidedBy, source: prerequisite.source, originalList: prerequisite.originalList,
            addition: prerequisite.addition,
            inForce: prerequisite.addition.flatMap { CalendarDay($0.date) }.map { day >= $0 } ?? true, state: state,
            summary: decision.summary, items: items, notes: decision.notes, mbReported: mbReported)
    }

    struct Decision {
        var items: [RequirementItem] = []
        var summary = ""
        var notes: [String] = []

        /// Most items one prerequisite lists, and most names its summary gives of those missing.
        /// A status file may hold thousands of framework reviews, and a catalog thousands of
        /// prerequisites that would each list them all: 2 000 such prerequisites over 5 000
        /// reviews made a status of 1.7 GB of text, in 93 s and 3.3 GB of memory.
        static let listedItems = 50
        static let namedMissing = 10

        /// The first `namedMissing` names, then how many more: joined by commas, or (`listed`) as
        /// a sentence lists them when all are named.
        static func named(_ names: [String], listed: Bool) -> String {
            guard names.count > namedMissing else { return listed ? names.listed() : names.joined(separator: ", ") }
            return names.prefix(namedMissing).joined(separator: ", ") + " and \(names.count - namedMissing) more"
        }

        /// "3 of 4 frameworks …; outstanding: A, B": every item counted, the first not done named
        /// (whatever the status file records of them: in progress, failed, or nothing). Then
        /// at most `listedItems` items are kept: those not done first, then the others, each in
        /// their order; a note counts the rest.
        mutating func count(_ phrase: String) {
            let done = items.filter { $0.state == .done }.count
            summary = "\(done) of \(items.count) \(phrase)"
            let inferred = items.filter { $0.state == .done && $0.inferred }.map(\.name)
            if !inferred.isEmpty { summary += " (inferred: " + Self.named(inferred, listed: true) + ")" }
            // Items with some evidence, not enough, are what make "0 of 4" partly met: said beside
            // the count, where "0 of 4 …, partly met" read as a contradiction.
            let partial = items.filter { $0.state == .partial }.count
            if partial > 0 { summary += ", \(partial) in part" }
            let missing = items.filter { $0.state != .done }.map(\.name)
            if !missing.isEmpty { summary += "; outstanding: " + Self.named(missing, listed: false) }
            guard items.count > Self.listedItems else { return }
            let open = items.indices.filter { items[$0].state != .done }.prefix(Self.listedItems)
            let closed = items.indices.filter { items[$0].state == .done }.prefix(Self.listedItems - open.count)
            let kept = Set(open).union(closed)
            let leftDone = done - closed.count
            let left = items.count - kept.count
            items = items.indices.filter(kept.contains).map { items[$0] }
            notes.append("\(left) more not listed here, \(leftDone) of them done; the count above includes them")
        }
    }

    func entry(_ date: CalendarDay, _ section: String, _ origin: EntryOrigin) -> EvidenceEntry {
        EvidenceEntry(date: date, section: section, origin: origin)
    }

    /// What the sites' latest tests of one system say, as an item shows it: of those of the latest
    /// day, the most telling (a failure before work in progress before a plan; a stated entry
    /// before an inferred one), and every site whose test says the same that day.
    struct SameDayTests {
        var tests: [BatchSystemTest]
        var date: CalendarDay { tests[0].date }
        var result: BatchSystemTest.Result { tests[0].result }
        var inferred: Bool { tests[0].inferred }
        /// "at CERN and NIKHEF", "at CERN and a site not on record".
        var at: String {
            let named = tests.compactMap(\.site)
            let unnamed = named.count < tests.count ? ["a site not on record"] : []
            return "at " + (named + unnamed).listed()
        }
    }

    static func mostTelling(_ tests: [BatchSystemTest]) -> SameDayTests? {
        guard let date = tests.map(\.date).max() else { return nil }
        let order: [BatchSystemTest.Result] = [.fail, .pass, .inProgress, .planned]
        let onDay = tests.filter { $0.date == date }
        func rank(_ t: BatchSystemTest) -> (Int, Int) { (order.firstIndex(of: t.result)!, t.inferred ? 1 : 0) }
        let best = onDay.min { rank($0) < rank($1) }!
        return SameDayTests(tests: onDay.filter { rank($0) == rank(best) })
    }

    // PRE-1: a positive review by each organisation.
    func glexecReviews(_ organisations: [String], asOf day: CalendarDay) -> Decision {
        var decision = Decision()
        for organisation in organisations {
            let review = index.glexecReviews[organisation]?.latest(asOf: day)
            guard let review else {
                decision.items.append(
                    RequirementItem(
                        name: organisation, state: .absent, detail: "\(organisation): no review of gLExec on file",
                        evidence: []))
                continue
            }
            let reference = review.reference.map { " (\($0))" } ?? ""
            let detail: String
            // What the file infers is said to be inferred wherever it is shown.
            let inferred = Self.inferred(review.inferred)
            switch review.outcome {
            case .positive: detail = "\(organisation): positive review\(inferred) on \(review.date)\(reference)"
            case .negative: detail = "\(organisation): negative review\(inferred) on \(review.date)\(reference)"
            case .pending: detail = "\(organisation): review pending\(inferred) as of \(review.date)\(reference)"
            }
            decision.items.append(
                RequirementItem(
                    name: organisation, state: review.outcome == .positive ? .done : .absent, detail: detail,
                    evidence: [entry(review.date, "glexec_reviews", review.origin)],
                    inferred: review.inferred))
        }
        decision.count("positive security reviews of gLExec")
        return decision
    }

    // PRE-3: a passing test per batch system, at any site whose latest result is a pass.
    func batchSystemTests(_ systems: [String], asOf day: CalendarDay, decided: inout DayDecisions) -> Decision {
        var decision = Decision()
        for system in systems {
            if let item = decided.batchSystemItems[system] {
                decision.items.append(item)
                continue
            }
            // Each site's latest test, the sites in the order in which their tests up to the day
            // first appear in the file. A plan is a site's latest only while nothing there has a
            // result: a retest planned after a pass does not undo the pass.
            let latest = (index.sites[system] ?? []).compactMap { site -> (offset: Int, test: BatchSystemTest)? in
                guard let tests = index.batchSystemTests[.init(batchSystem: system, site: site)],
                    let first = tests.firstWritten(asOf: day),
                    let test = tests.asOf(day).last(where: { $0.result != .planned }) ?? tests.latest(asOf: day)
                else { return nil }
                return (first.offset, test)
            }.sorted { $0.offset < $1.offset }.map(\.test)
            let item: RequirementItem
            if let passed = Self.mostTelling(latest.filter { $0.result == .pass }) {
                item = RequirementItem(
                    name: system, state: .done,
                    detail: "\(system): test passed\(Self.inferred(passed.inferred)) \(passed.at) on \(passed.date)",
                    evidence: passed.tests.map { entry($0.date, "batch_system_tests", $0.origin) },
                    inferred: passed.inferred)
            } else if let last = Self.mostTelling(latest) {
                let what =
                    switch last.result {
                    case .fail: "test failed"
                    case .planned: "test planned"
                    case .pass, .inProgress: "testing in progress"
                    }
                item = RequirementItem(
                    name: system, state: .absent,
                    detail: "\(system): \(what)\(Self.inferred(last.inferred)) \(last.at) as of \(last.date)",
                    evidence: last.tests.map { entry($0.date, "batch_system_tests", $0.origin) },
                    inferred: last.inferred)
            } else {
                item = RequirementItem(name: system, state: .absent, detail: "\(system): no test on file", evidence: [])
            }
            decided.batchSystemItems[system] = item
            decision.items.append(item)
        }
        decision.count("batch systems tested")
        // A plan is not a test on file.
        let tested =
            decided.testedSystems
            ?? Set(
                index.batchSystemTests.filter { $0.value.asOf(day).contains { $0.result != .planned } }
                    .map(\.key.batchSystem))
        decided.testedSystems = tested
        let others = tested.subtracting(systems)
        if !others.isEmpty {
            decision.notes.append("tests of " + others.sorted().listed() + " are on file but not required")
        }
        return decision
    }

    // PRE-4: one of the products through completed → certified → deployed, in that order.
    func authorizationService(_ products: [String], asOf day: CalendarDay) -> Decision {
        let required = StatusFormat.Words.requiredServiceStates.compactMap(ServiceState.State.init(rawValue:))
        struct Progress {
            var product: String
            var reached: [ServiceState.State: ServiceState] = [:]
            var steps = 0
            var last = CalendarDay(year: 1, month: 1, day: 1)!
        }
        var progress: [Progress] = []
        for product in products {
            var p = Progress(product: product)
            var last: CalendarDay?
            for state in ServiceState.State.allCases {
                guard let entries = index.authorizationService[.init(product: product, state: state)] else { continue }
                // The first time a state was reached counts; a later entry of the same state adds nothing.
                if let first = entries.earliest(asOf: day) { p.reached[state] = first }
                if let latest = entries.latest(asOf: day) { last = max(last ?? latest.date, latest.date) }
            }
            guard let last else { continue }
            var previous: CalendarDay?
            for state in required {
                guard let reached = p.reached[state], previous.map({ $0 <= reached.date }) ?? true else { break }
                p.steps += 1
                previous = reached.date
            }
            p.last = last
            progress.append(p)
        }
        // The furthest product; on a tie the one with the latest news, then catalog order.
        let best = progress.enumerated().max { a, b in
            (a.element.steps, a.element.last, -a.offset) < (b.element.steps, b.element.last, -b.offset)
        }?.element
        var decision = Decision()
        for (index, state) in required.enumerated() {
            guard let best else {
                decision.items.append(
                    RequirementItem(
                        name: state.rawValue, state: .absent,
                        detail: "\(state.rawValue): none of \(products.listed(or: true)) is on record as "
                            + state.rawValue,
                        evidence: []))
                continue
            }
            if index < best.steps, let reached = best.reached[state] {
                decision.items.append(
                    RequirementItem(
                        name: state.rawValue, state: .done,
                        detail:
                            "\(state.rawValue): \(best.product) \(state.rawValue)\(Self.inferred(reached.inferred)) on "
                            + "\(reached.date)",
                        evidence: [entry(reached.date, "authorization_service", reached.origin)],
                        inferred: reached.inferred))
            } else if let reached = best.reached[state] {
                let before = required[max(0, index - 1)].rawValue
                decision.items.append(
                    RequirementItem(
                        name: state.rawValue, state: .absent,
                        detail: "\(state.rawValue): \(best.product) is on record as \(state.rawValue) on "
                            + "\(reached.date) but not as \(before) before it",
                        evidence: [entry(reached.date, "authorization_service", reached.origin)]))
            } else {
                let now = best.reached.values.max { $0.state < $1.state }
                decision.items.append(
                    RequirementItem(
                        name: state.rawValue, state: .absent,
                        detail: "\(state.rawValue): \(best.product) not \(state.rawValue)"
                            + (now.map { " (\($0.state.rawValue) as of \($0.date))" } ?? ""),
                        evidence: now.map { [entry($0.date, "authorization_service", $0.origin)] } ?? []))
            }
        }
        decision.count("states reached" + (best.map { " by \($0.product)" } ?? ""))
        for p in progress where p.product != best?.product {
            let furthest = p.reached.values.max { $0.state < $1.state }!
            decision.notes.append("\(p.product): \(furthest.state.rawValue) as of \(furthest.date)")
        }
        if let development = best?.reached[.inDevelopment], best?.steps == 0 {
            decision.notes.append("\(best!.product) in development as of \(development.date)")
        }
        for product in index.products.filter({ !products.contains($0) }).sorted() {
            // The furthest state, then the latest date; of equal entries, the first written.
            let furthest = ServiceState.State.allCases.compactMap { state in
                index.authorizationService[.init(product: product, state: state)]?.firstOfLatest(asOf: day)
            }.max { ($0.state, $0.date) < ($1.state, $1.date) }
            guard let furthest else { continue }
            decision.notes.append(
                "\(product): \(furthest.state.rawValue) as of \(furthest.date); not counted, the prerequisite counts "
                    + products.listed(or: true))
        }
        return decision
    }

    // PRE-5: gLExec deployed at the sites.
    func glexecDeployment(asOf day: CalendarDay) -> Decision {
        var decision = Decision()
        guard let latest = index.glexecDeployment.latest(asOf: day) else {
            decision.items = [
                RequirementItem(
                    name: "deployment at the sites", state: .absent,
                    detail: "gLExec deployment at the sites: no record on file", evidence: [])
            ]
            decision.summary = "no record of gLExec deployment at the sites"
            return decision
        }
        if let text = latest.coverage { decision.notes.append("coverage as of \(latest.date): \(text)") }
        let state: RequirementItem.State
        let detail: String
        let inferred = Self.inferred(latest.inferred)
        switch latest.state {
        case .done:
            state = .done
            detail = "gLExec deployed at the sites\(inferred) as of \(latest.date)"
            decision.summary = "deployed at the sites\(inferred) (\(latest.date))"
        case .inProgress:
            state = .partial
            detail = "gLExec not yet deployed at the sites: in progress\(inferred) as of \(latest.date)"
            decision.summary = "deployment at the sites in progress\(inferred); not done"
        case .notStarted:
            state = .absent
            detail = "gLExec deployment at the sites not started\(inferred) as of \(latest.date)"
            decision.summary = "deployment at the sites not started\(inferred)"
        }
        decision.items = [
            RequirementItem(
                name: "deployment at the sites", state: state, detail: detail,
                evidence: [entry(latest.date, "glexec_deployment", latest.origin)], inferred: latest.inferred)
        ]
        return decision
    }

    /// The organisations of `organisations` that none of `reviewers` represents, in their order.
    static func lacking(_ organisations: [String], among reviewers: [Reviewer]) -> [String] {
        let present = Set(reviewers.map(\.organisation))
        return organisations.filter { !present.contains($0) }
    }

    // PRE-2: per framework, a positive recommendation signed by reviewers from each organisation,
    // not contradicted by a do-not-recommend findings verdict.
    func frameworkReviews(_ organisations: [String], asOf day: CalendarDay) -> Decision {
        // Each framework's latest record, the frameworks in the order in which their records up to
        // the day first appear in the file, each named as its first record names it.
        let records = index.frameworkReviews.compactMap {
            key, records -> (offset: Int, key: FrameworkKey, name: String)? in
            guard let first = records.firstWritten(asOf: day) else { return nil }
            return (first.offset, key, "\(first.entry.framework) (\(first.entry.vo))")
        }.sorted { $0.offset < $1.offset }
        var keys = records.map(\.key)
        var names = Dictionary(uniqueKeysWithValues: records.map { ($0.key, $0.name) })
        let noDate = CalendarDay(year: 1, month: 1, day: 1)!
        var latestVerdict: [FrameworkKey: Int] = [:]
        for (position, verdict) in verdicts.enumerated() where verdict.applies(on: day) {
            let key = verdict.key
            if names[key] == nil {
                keys.append(key)
                names[key] = "\(verdict.framework) (\(verdict.vo))"
            }
            // The latest described; of those on one day, the first given.
            if let current = latestVerdict[key],
                (verdicts[current].describedOn ?? noDate) >= (verdict.describedOn ?? noDate)
            {
                continue
            }
            latestVerdict[key] = position
        }
        var decision = Decision()
        for key in keys {
            let name = names[key]!
            let verdict = latestVerdict[key].map { verdicts[$0] }
            let verdictPhrase = verdict.map { v in
                let signed = v.signature.flatMap { $0.on <= day ? "signed on \($0.on)" : nil }
                let about = [v.file, v.describedOn.map { "described on \($0)" }, signed].compactMap { $0 }
                return "findings verdict: \(v.verdict(on: day).phrase)"
                    + (about.isEmpty ? "" : " (" + about.joined(separator: ", ") + ")")
            }
            let record = index.frameworkReviews[key]?.latest(asOf: day)
            // The reviewers' signed recommendation, made with mupj, counts as one on file does,
            // unless the file has a later one.
            if let verdict, let signed = verdict.signedRecommendation(on: day),
                record.map({ $0.date <= signed.on }) ?? true
            {
                let lacking = Self.lacking(organisations, among: signed.by)
                let what = "\(name): signed \(verdict.verdict.phrase) on \(signed.on) (\(signed.origin.file))"
                decision.items.append(
                    RequirementItem(
                        name: name, state: lacking.isEmpty ? .done : .partial,
                        detail: lacking.isEmpty
                            ? "\(what), reviewers include \(organisations.listed())"
                            : "\(what) but no \(lacking.listed(or: true)) reviewer signed",
                        evidence: [entry(signed.on, "sign_offs", signed.origin)]))
                continue
            }
            guard let record else {
                decision.items.append(
                    RequirementItem(
                        name: name, state: .absent, detail: "\(name): no recommendation on file", evidence: []))
                if let verdictPhrase { decision.notes.append("\(name): \(verdictPhrase)") }
                continue
            }
            let evidence = [entry(record.date, "framework_reviews", record.origin)]
            switch record.outcome {
            case .pending, .negative:
                let inferred = Self.inferred(record.inferred)
                let what =
                    record.outcome == .pending
                    ? "review pending\(inferred) as of \(record.date)"
                    : "negative recommendation\(inferred) on \(record.date)"
                decision.items.append(
                    RequirementItem(
                        name: name, state: .absent, detail: "\(name): \(what)", evidence: evidence,
                        inferred: record.inferred))
                if let verdictPhrase { decision.notes.append("\(name): \(verdictPhrase)") }
            case .positive:
                var problems: [String] = []
                if let reviewers = record.reviewers {
                    let lacking = Self.lacking(organisations, among: reviewers)
                    if !lacking.isEmpty { problems.append("no \(lacking.listed(or: true)) reviewer on record") }
                } else {
                    problems.append("reviewers not on record")
                }
                if let verdict, let verdictPhrase, verdict.verdict(on: day) == .doNotRecommend {
                    problems.append(verdictPhrase)
                } else if let verdictPhrase {
                    decision.notes.append("\(name): \(verdictPhrase)")
                }
                let positive = "\(name): positive\(Self.inferred(record.inferred)) on \(record.date)"
                let detail =
                    problems.isEmpty
                    ? "\(positive), reviewers include \(organisations.listed())"
                    : "\(positive) but " + problems.joined(separator: " and ")
                decision.items.append(
                    RequirementItem(
                        name: name, state: problems.isEmpty ? .done : .partial, detail: detail, evidence: evidence,
                        inferred: record.inferred))
            }
        }
        if keys.isEmpty {
            decision.items = [
                RequirementItem(
                    name: "frameworks", state: .absent, detail: "no framework review on file", evidence: [])
            ]
            decision.summary = "no framework review on file"
        } else {
            decision.count("frameworks positively recommended by reviewers from \(organisations.listed())")
        }
        return decision
    }
}

extension PrerequisiteTracker {
    /// One located error per example of `catalog` that does not give its state: a prerequisite
    /// catalog's examples are its documentation and its tests, run whenever it is loaded, as a
    /// clause catalog's are (`ExampleCheck`).
    public static func exampleFailures(of catalog: PrerequisiteCatalog) -> [Diagnostic] {
        catalog.prerequisites.flatMap { prerequisite in
            prerequisite.examples.enumerated().compactMap { index, example -> Diagnostic? in
                let result = evaluate(example, of: prerequisite, file: catalog.file)
                guard result.state != example.expect else { return nil }
                return Diagnostic(
                    file: catalog.file, location: example.range.start,
                    message: "example \(index + 1) of \(prerequisite.id) expects \(example.expect.phrase), but the "
                        + "status gives \(result.state.phrase): \(result.summary)")
            }
        }
    }

    /// Runs a catalog example: its status fragment and findings verdicts, read on its `as_of` day or
    /// else on the latest date in the fragment.
    public static func evaluate(_ example: PrerequisiteExample, of prerequisite: Prerequisite, file: String)
        -> PrerequisiteStatus
    {
        let status = StatusFileLoader.build(example.status, file: file, requireSources: false).file
        let verdicts = example.verdicts.compactMap { v in
            Verdict(rawValue: v.verdict).map { verdict in
                FrameworkVerdictRecord(
                    framework: v.framework, vo: v.vo, verdict: verdict,
                    describedOn: v.describedOn.flatMap(CalendarDay.init),
                    signature: v.signedOn.flatMap(CalendarDay.init).map { day in
                        .init(
                            on: day, by: v.signedBy.map { Reviewer(name: $0.name, organisation: $0.organisation) },
                            origin: EntryOrigin(file: file, location: example.range.start),
                            unsigned: verdict)
                    })
            }
        }
        let tracker = PrerequisiteTracker(prerequisites: [prerequisite], status: status, verdicts: verdicts)
        let day = example.asOf.flatMap(CalendarDay.init) ?? status.latestDate ?? CalendarDay(year: 1, month: 1, day: 1)!
        return tracker.evaluate(prerequisite, asOf: day)
    }
}
