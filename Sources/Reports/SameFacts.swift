import ReviewEngine

/// The open findings of one framework that the same facts decide: their requirements cite the
/// same places of the description, with nothing more and nothing less (the lines of a guard, which
/// say only whether a check applies, are left aside). `MUPJ-10/security-contact` and `VO-1/named`
/// both ask who the security contact is: one answer from the experiment settles both, as one
/// change settles violated findings that rest on the same line, and the reviewers judge them
/// together rather than count one gap twice. Each finding of such a group names the others, in the
/// report's order, at most `listed` of them: a fact that every channel's finding rests on would
/// otherwise make each of thousands of findings list all the rest.
public struct SameFacts: Sendable {
    public static let listed = 10

    /// A finding as another one names it.
    public struct Link: Equatable, Sendable {
        public var id: String
        public var rule: String
        public var subject: String?
        /// Whether the page being written shows the finding (see `init`): one it leaves out has no
        /// anchor to link to.
        var onPage = true
    }

    /// The others of a finding's group, at most `listed`, and how many more there are.
    public struct Others: Sendable {
        public var links: [Link]
        public var unlisted: Int

        /// "and 3 more", or nil when every one is named.
        var unlistedPhrase: String? { unlisted > 0 ? "and \(unlisted) more" : nil }
    }

    let listed: Int
    /// Each group of two findings or more: its members' links, in the report's order.
    private var groups: [[Link]] = []
    /// The group of each finding that has one, by id.
    private var groupOf: [String: Int] = [:]

    /// `page`: for a report that shows at most `ShownFindings.perClause` findings a clause
    /// (Markdown, HTML), which marks the others off the page.
    public init(_ review: FrameworkReview, listed: Int = Self.listed) {
        self.init(review, listed: listed, page: false)
    }

    init(_ review: FrameworkReview, listed: Int = Self.listed, page: Bool) {
        self.listed = listed
        let shown = page ? ShownFindings.ids(review) : nil
        var byFacts: [Set<Evidence.Place>: [Link]] = [:]
        var order: [Set<Evidence.Place>] = []
        for clause in review.clauses {
            for finding in clause.findings where finding.status.isOpen {
                // A place, not the whole citation: what else evidence holds (the value, its sources)
                // is the place's, and hashing it for every open finding is waste.
                let facts = Set(finding.evidence.lazy.filter { $0.phase == .require }.map(\.place))
                // A finding that cites nothing shares nothing: an empty set is not a fact.
                guard !facts.isEmpty else { continue }
                let link = Link(
                    id: finding.id, rule: finding.ruleID, subject: finding.subject,
                    onPage: ShownFindings.isShown(finding.id, in: shown))
                if byFacts[facts]?.append(link) == nil {
                    byFacts[facts] = [link]
                    order.append(facts)
                }
            }
        }
        for facts in order {
            guard let links = byFacts[facts], links.count > 1 else { continue }
            for link in links { groupOf[link.id] = groups.count }
            groups.append(links)
        }
    }

    /// The other open findings that the same facts decide, or nil when there are none.
    public func others(of finding: Finding) -> Others? {
        guard finding.status.isOpen, let group = groupOf[finding.id] else { return nil }
        // The first few others only: a group can hold thousands of findings, each asking this.
        var links: [Link] = []
        for link in groups[group] where link.id != finding.id {
            if links.count == listed { break }
            links.append(link)
        }
        return Others(links: links, unlisted: groups[group].count - 1 - links.count)
    }

    /// Whether any finding of the framework shares its facts with another.
    public var isEmpty: Bool { groups.isEmpty }
}
