import DocumentSchema
import FrameworkModel
import PolicyCatalog
import YAMLDocument

/// The rule engine: a pure function from catalogs and a description to findings, within the
/// review limits (or an error naming the check that passed one).
public enum Engine {
    public static func review(
        _ descriptions: [FrameworkDescription], catalogs: CatalogSet, toolVersion: String,
        limits: ReviewLimits = .default
    ) throws(ReviewLimitExceeded) -> ReviewResult {
        // Each description is reviewed on its own (its own meter and limits), so they are reviewed
        // side by side; a limit passed is reported for the first description, in order, to pass one.
        let reviews = Concurrently.map(descriptions.count) { index in
            Result { () throws(ReviewLimitExceeded) in
                try review(descriptions[index], catalogs: catalogs, limits: limits)
            }
        }
        var frameworks: [FrameworkReview] = []
        frameworks.reserveCapacity(reviews.count)
        for review in reviews { frameworks.append(try review.get()) }
        return ReviewResult(toolVersion: toolVersion, catalogs: catalogs.catalogs.map(info), frameworks: frameworks)
    }

    public static func info(_ catalog: Catalog) -> CatalogInfo {
        CatalogInfo(
            id: catalog.id, title: catalog.title, document: catalog.document, file: catalog.file,
            sha256: catalog.sha256, clauses: catalog.clauses.map(\.info))
    }

    /// One description.
    public static func review(
        _ description: FrameworkDescription, catalogs: CatalogSet, limits: ReviewLimits = .default
    ) throws(ReviewLimitExceeded) -> FrameworkReview {
        let context = Context(description: description, limits: limits)
        var clauses: [ClauseResult] = []
        for catalog in catalogs.catalogs {
            for clause in catalog.clauses { clauses.append(try context.evaluate(clause, catalog: catalog)) }
        }
        return FrameworkReview(
            file: description.file, sha256: description.source.sha256, name: description.name,
            vo: description.vo, descriptionVersion: description.descriptionVersion,
            describedOn: description.describedOn, summary: description.summary, clauses: clauses)
    }

    /// One clause of `catalog` against one description (the catalog examples use this directly).
    public static func evaluate(
        _ clause: Clause, of catalog: Catalog, in description: FrameworkDescription, limits: ReviewLimits = .default
    ) throws(ReviewLimitExceeded) -> ClauseResult {
        try evaluate(clause, of: catalog, in: description, meter: WorkMeter(limits: limits))
    }

    /// The same, counted on `meter`, which other evaluations may share (a catalog's examples).
    static func evaluate(
        _ clause: Clause, of catalog: Catalog, in description: FrameworkDescription, meter: WorkMeter
    ) throws(ReviewLimitExceeded) -> ClauseResult {
        try Context(description: description, meter: meter).evaluate(clause, catalog: catalog)
    }
}

extension Engine {
    /// `VO/name`, as finding ids have always been made, but one key per framework. A VO holding
    /// `/`, or either part holding `%` (the escape) or U+001F (which `Finding.fingerprint` puts
    /// between the key and the subject), has those percent-escaped: `C` of the VO `A/B` and `B/C`
    /// of `A` gave their findings the same ids. An escaped key holds `%` and a plain one does not,
    /// so the two never meet; real frameworks hold none of these and keep their ids.
    static func idKey(vo: String, name: String) -> String {
        func holds(_ text: String, _ bytes: [UInt8]) -> Bool { text.utf8.contains { bytes.contains($0) } }
        let escapes: [UInt8] = [UInt8(ascii: "%"), 0x1F]
        guard holds(vo, escapes + [UInt8(ascii: "/")]) || holds(name, escapes) else { return vo + "/" + name }
        func escaped(_ text: String, slash: Bool) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "%": out += "%25"
                case "/" where slash: out += "%2F"
                case "\u{1F}": out += "%1F"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        // The name keeps its `/`: the VO's are escaped, so the first `/` still ends the VO.
        return escaped(vo, slash: true) + "/" + escaped(name, slash: false)
    }
}

/// What stays the same while one description is reviewed.
private struct Context {
    let description: FrameworkDescription
    let resolver: PathResolver
    let evaluator: ConditionEvaluator
    let frameworkKey: String
    let meter: WorkMeter

    init(description: FrameworkDescription, limits: ReviewLimits) {
        self.init(description: description, meter: WorkMeter(limits: limits))
    }

    init(description: FrameworkDescription, meter: WorkMeter) {
        self.description = description
        self.meter = meter
        resolver = PathResolver(root: description.root, meter: meter)
        evaluator = ConditionEvaluator(resolver: resolver)
        // Every finding's id hashes this key: a name of megabytes was hashed whole for each of
        // thousands of findings. A long key is hashed once and its digest stands for it (a short
        // one, as every real name is, is used as it is, so ids stay what they were).
        let key = Engine.idKey(vo: description.vo, name: description.name)
        frameworkKey = key.utf8.count <= 256 ? key : "sha256:" + SHA256.hex(Array(key.utf8))
    }

    func evaluate(_ clause: Clause, catalog: Catalog) throws(ReviewLimitExceeded) -> ClauseResult {
        // One array per clause, which every check appends to: not an array per check, flattened.
        var findings: [Finding] = []
        findings.reserveCapacity(clause.checks.count)
        for check in clause.checks { try evaluate(check, clause: clause, catalog: catalog, into: &findings) }
        return ClauseResult(
            clause: clause.info, status: Status.aggregate(findings.lazy.map(\.status)),
            findings: findings)
    }

    func evaluate(_ check: Check, clause: Clause, catalog: Catalog, into findings: inout [Finding])
        throws(ReviewLimitExceeded)
    {
        let root = description.root
        // Read once: `clause.id` and the like go through a key path that copies the whole info.
        let info = clause.info
        let catalogID = catalog.id
        // Called before each element, with each finding and after the last element: the work of one
        // element is bounded by the description's node budget, so the review stops within one element
        // of a limit.
        func withinLimits() throws(ReviewLimitExceeded) {
            guard let limit = meter.passed else { return }
            throw ReviewLimitExceeded(
                limit: limit, maximum: meter.limits.maximum(limit),
                framework: description.file, catalogFile: catalog.file, clauseID: info.id, checkID: check.id,
                location: check.range.start)
        }
        func finding(_ status: Status, subject: String?, message: String, _ observations: [Observation])
            throws(ReviewLimitExceeded) -> Finding
        {
            meter.findings += 1
            try withinLimits()
            return Finding(
                id: Finding.fingerprint(
                    catalog: catalogID, clause: info.id, check: check.id, framework: frameworkKey, subject: subject),
                catalogID: catalogID, clauseID: info.id, checkID: check.id, title: check.title,
                severity: check.severity ?? info.severity, status: status, subject: subject, message: message,
                evidence: evidence(observations), recommendation: info.recommendation, trace: observations)
        }

        // Each trace has room for every test the check records: grown test by test, traces were a
        // tenth of the engine's allocations.
        var preconditions: [Observation] = []
        preconditions.reserveCapacity(check.testCount)
        if let when = check.when {
            let truth = evaluator.evaluate(when, subject: root, subjectPath: "", phase: .when, into: &preconditions)
            if truth != .true {
                var explainer = Explainer(observations: preconditions[...], meter: meter)
                let gaps = explainer.failures(when).joined(separator: "; ")
                findings.append(
                    truth == .false
                        ? try finding(.notApplicable, subject: nil, message: "Does not apply: \(gaps).", preconditions)
                        : try finding(
                            .needsInformation, subject: nil,
                            message: "Cannot tell whether this applies: \(gaps).", preconditions))
                return
            }
        }

        guard let collection = check.forEach else {
            let start = preconditions.count
            // Taken, not copied: a copy would be copied again at the first test appended.
            var observations = consume preconditions
            let truth = evaluator.evaluate(
                check.require, subject: root, subjectPath: "", phase: .require, into: &observations)
            let message = message(truth, check: check, observations: observations[start...])
            findings.append(try finding(Self.status(truth), subject: nil, message: message, observations))
            return
        }

        let first = findings.count
        // Read once, not per element: each read of an optional condition copies it.
        let whereCondition = check.whereCondition
        // Whether an element is known to be selected: `expect_some` asks that one is.
        var someSelected = false
        for element in resolver.collection(collection.rawValue) {
            meter.steps += 1
            try withinLimits()
            // Elements the condition leaves out give no finding: neither their trace nor their name
            // is needed.
            if let whereCondition, evaluator.truth(whereCondition, subject: element) == .false {
                continue
            }
            let path = PathResolver.elementPath(collection.rawValue, element.object?.id ?? "?")
            // A copy of the preconditions with room for the rest, in one allocation (appending to
            // a plain copy would copy it, then grow it).
            var observations: [Observation] = []
            observations.reserveCapacity(check.testCount)
            observations.append(contentsOf: preconditions)
            var selection = Truth.true
            if let whereCondition {
                selection = evaluator.evaluate(
                    whereCondition, subject: element, subjectPath: path, phase: .where, into: &observations)
            }
            if selection == .true { someSelected = true }
            let start = observations.count
            let truth = evaluator.evaluate(
                check.require, subject: element, subjectPath: path, phase: .require, into: &observations)
            var status = Self.status(truth)
            var message = message(truth, check: check, observations: observations[start...])
            if selection == .unknown && truth != .true {
                // Not known to be selected, and not known to be fine: the reviewers must ask.
                status = .needsInformation
                var explainer = Explainer(
                    observations: observations[preconditions.count..<start], meter: meter)
                let gaps = explainer.failures(whereCondition!).joined(separator: "; ")
                message = "Cannot tell whether this element is concerned (\(gaps)); if it is: \(message)"
            }
            findings.append(try finding(status, subject: path, message: message, observations))
        }
        // A search or a walk cut off at the step limit answers as if it found nothing: an element
        // whose `where` it decided must stop the review here, not be passed over unseen.
        try withinLimits()
        // Words of the condition, for the finding about the list alone: made only when one is.
        func filter() -> String { whereCondition.map { " where \($0.words)" } ?? "" }
        // A partial collection may hold elements it does not write: one that is selected and not as
        // required, or, when none written is selected, the one `expect_some` asks for.
        let partial = root.object?[collection.rawValue]?.partial == true
        if findings.count == first {
            let message =
                "No element of \(collection.rawValue)\(filter())"
                + (partial ? ", but the list is partial: an element not written may be." : ".")
            let status: Status = partial ? .needsInformation : check.expectSome ? .violated : .notApplicable
            var observations = preconditions
            if status != .notApplicable, let whereCondition {
                // What left each element out is the evidence (the first hundred elements).
                for element in resolver.collection(collection.rawValue).prefix(Observation.listedPlaces) {
                    let path = PathResolver.elementPath(collection.rawValue, element.object?.id ?? "?")
                    _ = evaluator.evaluate(
                        whereCondition, subject: element, subjectPath: path, phase: .where, into: &observations)
                }
            }
            findings.append(try finding(status, subject: nil, message: message, observations))
        } else if partial {
            let selected = whereCondition == nil ? "" : "may be one\(filter()), and "
            let message =
                "The list \(collection.rawValue) is partial: an element not written \(selected)may not be as required."
            findings.append(try finding(.needsInformation, subject: nil, message: message, preconditions))
        } else if check.expectSome && !someSelected {
            // Each element evaluated may or may not be selected: that there is one is not shown.
            let message =
                "No element of \(collection.rawValue) is known to be one\(filter()); whether there is one is not known."
            findings.append(try finding(.needsInformation, subject: nil, message: message, preconditions))
        }
    }

    static func status(_ truth: Truth) -> Status {
        switch truth {
        case .true: return .satisfied
        case .false: return .violated
        case .unknown: return .needsInformation
        }
    }

    func message(_ truth: Truth, check: Check, observations: ArraySlice<Observation>) -> String {
        if truth == .true {
            return check.satisfiedMessage
        }
        var explainer = Explainer(observations: observations, meter: meter)
        return explainer.failures(check.require).joined(separator: "; ") + "."
    }

    /// The places of the tests that decided the finding (`Observation.decides`), each once: the
    /// requirement's first, then the guard's (`when`, `where`). A reader, and a code-scanning
    /// service that shows a result at its first place, sees what decided first, where a guard
    /// ("gLExec is the mechanism") is the same line for many findings. The references a test
    /// followed come before the places they led to (`Observation.names`).
    func evidence(_ observations: [Observation]) -> [Evidence] {
        let requirement = observations.firstIndex { $0.phase == .require } ?? observations.count
        var result: [Evidence] = []
        result.reserveCapacity(observations.reduce(0) { $0 + $1.reached.count })
        // A place is cited once. A finding cites a handful, found by a scan of those kept; a set,
        // which hashes every path, only past that (a path through a collection reaches thousands).
        var seen: Set<Evidence.Place>?
        func isNew(_ place: Reached) -> Bool {
            let offset = place.range.start.offset
            if seen == nil && result.count >= 16 {
                seen = Set(result.map(\.place))
            }
            if let inserted = seen?.insert(Evidence.Place(path: place.path, offset: offset)).inserted {
                return inserted
            }
            return !result.contains { $0.range.start.offset == offset && $0.path == place.path }
        }
        func cite(_ place: Reached, _ phase: Observation.Phase) {
            guard isNew(place) else { return }
            var cited: Evidence
            switch place.state {
            case .known(let value):
                cited = Evidence(
                    file: description.file, range: place.range, path: place.path, value: value.display,
                    state: .stated, reason: nil, citing: value.annotations)
                cited.partial = value.partial
            case .unknown(let value):
                var reason: String?
                if case .unknown(let r) = value.content { reason = r.map(Value.shown) }
                cited = Evidence(
                    file: description.file, range: place.range, path: place.path, value: "unknown",
                    state: .unknown, reason: reason, citing: value.annotations)
            case .absent:
                cited = Evidence(
                    file: description.file, range: place.range, path: place.path, value: "", state: .absent,
                    reason: nil)
            }
            cited.phase = phase
            result.append(cited)
        }
        func cite(_ range: Range<Int>) {
            for index in range where observations[index].decides {
                let observation = observations[index]
                for place in observation.via { cite(place, observation.phase) }
                for place in observation.reached where observation.names(place) { cite(place, observation.phase) }
            }
        }
        cite(requirement..<observations.count)
        cite(0..<requirement)
        return result
    }
}

/// Turns a condition that did not hold into "expected … ; found …" sentences, walking the
/// condition in the order the evaluator recorded its observations.
struct Explainer {
    /// The observations of the condition explained, in the order they were recorded.
    let observations: ArraySlice<Observation>
    /// For `matches`: which of the places a failed test reached fail it, to name those first, is
    /// searched again, and counted again.
    let meter: WorkMeter
    var index: Int
    /// The unknown places whose reason the message has quoted (by offset): a reason is quoted
    /// once, where two tests ask of one place ("at least 1", "at most 10").
    private var quoted: Set<Int> = []

    init(observations: ArraySlice<Observation>, meter: WorkMeter) {
        self.observations = observations
        self.meter = meter
        index = observations.startIndex
    }

    mutating func failures(_ condition: Condition) -> [String] {
        failures(condition, negated: false).parts
    }

    /// Names the tests that decided (`Observation.decides`, marked by the evaluator), so that the
    /// message says what the evidence cites; the truths read here only shape the sentences.
    private mutating func failures(_ condition: Condition, negated: Bool) -> (truth: Truth, parts: [String]) {
        switch condition {
        case .test(let test):
            guard index < observations.endIndex else { return (.unknown, []) }
            let observation = observations[index]
            index += 1
            let truth = negated ? observation.truth.negated : observation.truth
            guard truth != .true && observation.decides else { return (truth, []) }
            return (truth, [sentence(test, observation, negated: negated, truth: truth)])
        case .not(let inner):
            return failures(inner, negated: !negated)
        case .all(let items), .any(let items):
            var conjunctive = true
            if case .any = condition { conjunctive = false }
            if negated { conjunctive.toggle() }
            let results = items.map { failures($0, negated: negated) }
            let truth = conjunctive ? Truth.and(results.map(\.truth)) : Truth.or(results.map(\.truth))
            let parts = results.flatMap(\.parts)
            guard truth != .true && !parts.isEmpty else { return (truth, []) }
            if conjunctive { return (truth, parts) }
            // "None holds" only when each was found false; with one unknown, none can be shown.
            let lead = truth == .false ? "none of these holds: " : "none of these can be shown to hold: "
            return (truth, [lead + parts.joined(separator: " / ")])
        }
    }

    private mutating func sentence(
        _ test: FieldTest, _ observation: Observation, negated: Bool, truth: Truth
    ) -> String {
        let expected = test.words(negated: negated)
        if observation.reached.isEmpty {
            return "expected \(expected), found no such element"
        }
        // At most six places are named, those that decide first; a path through a whole collection
        // may reach thousands.
        let order = ConditionEvaluator.decidingFirst(
            observation.reached, test.op, observation.truth, meter: meter
        ).filter { observation.names(observation.reached[$0]) }
        let found = order.prefix(6).map { placeWords(observation.reached[$0]) }
        let more = observation.reached.count > 6 || observation.unlisted > 0
        let list = found.joined(separator: ", ") + (more ? ", …" : "")
        if truth == .unknown {
            return "cannot tell whether \(expected): \(list)"
        }
        return "expected \(expected), found \(list)"
    }

    /// One place as a message names it; a possible place (`Reached.possible`) is "possibly …".
    private mutating func placeWords(_ place: Reached) -> String {
        let line = "line \(place.range.start.line)"
        let words: String
        switch place.state {
        case .known(let value):
            // Why a test of a missing item cannot be decided on it: the list says it is partial.
            words = value.partial ? "\(value.display) (\(line), a partial list)" : "\(value.display) (\(line))"
        case .unknown(let value):
            if case .unknown(let written?) = value.content {
                if quoted.insert(place.range.start.offset).inserted {
                    let reason = Value.shown(written)
                    // Cut by index: `dropLast()` on a string counted its characters, for every place named.
                    let trimmed =
                        reason.hasSuffix(".") ? String(reason[..<reason.index(before: reason.endIndex)]) : reason
                    words = "unknown at \(line) (\(trimmed))"
                } else {
                    words = "unknown at \(line) (as above)"
                }
            } else {
                words = "unknown (\(line))"
            }
        case .absent: words = "not stated at \(place.path) (\(line))"
        }
        return place.possible ? "possibly " + words : words
    }

}
