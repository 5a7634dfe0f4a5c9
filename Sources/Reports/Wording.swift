import PolicyCatalog
import ReviewEngine
import ReviewRecords

/// Phrases shared by the human-readable formats, so that Markdown, HTML and the summary say the
/// same thing in the same words.
enum Wording {
    /// After the citations of a piece of evidence that lists only the first of them.
    static func moreSources(_ count: Int) -> String {
        "and \(count) more source\(count == 1 ? "" : "s"), not listed"
    }

    /// After the evidence of a finding whose tests reached more places than they list.
    static func unlisted(_ count: Int) -> String {
        "its tests reached \(count) more place\(count == 1 ? "" : "s"), not listed"
    }

    /// The identifier of a check across formats (SARIF rule id, anchors, tables): `MUPJ-5/glexec-used`.
    static func ruleID(_ finding: Finding) -> String { finding.clauseID + "/" + finding.checkID }

    /// `channels[payload-fetch]` → `channel “payload-fetch”`; anything else as written.
    static func plainSubject(_ subject: String) -> String {
        let kinds = [("components[", "component"), ("credentials[", "credential"), ("channels[", "channel")]
        for (prefix, noun) in kinds where subject.hasPrefix(prefix) && subject.hasSuffix("]") {
            let name = subject.dropFirst(prefix.count).dropLast()
            if !name.contains("[") { return "\(noun) “\(name)”" }
        }
        return subject
    }

    /// A sentence without its final full stop, to be followed by more.
    static func clause(_ sentence: String) -> String {
        sentence.hasSuffix(".") && !sentence.hasSuffix("..") ? String(sentence.dropLast()) : sentence
    }

    static func state(_ state: Evidence.State) -> String {
        switch state {
        case .stated: return "stated"
        case .unknown: return "stated as unknown"
        case .absent: return "not stated (this is where it belongs)"
        }
    }

    /// One sentence for a board member: what the policy asks and what the description shows.
    static func reason(_ finding: Finding, clauseTitle: String) -> String {
        let subject = finding.subject.map { " (concerns the \(plainSubject($0)))" } ?? ""
        let what = finding.title.hasSuffix(".") ? String(finding.title.dropLast()) : finding.title
        let where_ = "policy clause \(finding.clauseID), “\(clauseTitle)”; \(finding.severity.rawValue)"
        switch finding.status {
        case .violated: return "Not met: \(what)\(subject) (\(where_))."
        case .needsInformation: return "Open question: \(what)\(subject) (\(where_))."
        case .satisfied: return "Met: \(what)\(subject) (\(where_))."
        case .notApplicable: return "Does not apply: \(what)\(subject) (\(where_))."
        }
    }

    static func explanation(_ verdict: Verdict) -> String {
        switch verdict {
        case .recommend: return "The description meets every policy clause that applies to it."
        case .recommendWithConditions:
            return
                "No serious problem was found; the lesser points listed must be addressed (these are the conditions)."
        case .doNotRecommend: return "The description shows at least one serious breach of the policy."
        case .reviewIncomplete:
            return
                "Serious questions are still open; the reviewers cannot recommend either way until they are answered."
        }
    }

    /// Anchor of a clause section inside a framework section: `fw2-mupj-5`.
    static func clauseAnchor(framework index: Int, clause: String) -> String {
        "fw\(index + 1)-" + slug(clause)
    }

    static func frameworkAnchor(_ index: Int) -> String { "fw\(index + 1)" }

    /// Lowercase letters, digits and single hyphens only.
    static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "x" : out
    }

    /// Words a board member may not know, explained once per summary.
    static let legend: [(term: String, meaning: String)] = [
        (
            "Clause",
            "One numbered obligation of a policy document, e.g. MUPJ-5 of the JSPG Multi-User Pilot Jobs Policy."
        ),
        ("Finding", "The outcome of one check of a clause against a framework description."),
        ("Violated (not met)", "The description shows the obligation is not met."),
        (
            "Needs information (open question)",
            "The description is silent or says it does not know; the reviewers must ask the experiment."
        ),
        ("Satisfied (met)", "The description shows the obligation is met."),
        ("Not applicable", "The obligation does not arise for this framework."),
        (
            "Severity",
            "How much harm a breach could do: critical, high, medium or low. Critical and high count as serious."
        ),
        (
            "Sign-off",
            "The verdict is what the findings alone support; it becomes the recommendation only when the "
                + "reviewers from OSG and EGEE have signed it."
        ),
        (
            "Prerequisite",
            "One of the four conditions the MB set in November 2007 before the policy comes into effect (PRE-1 to "
                + "PRE-4), and gLExec deployed at the sites, which the MB added in November 2009 (PRE-5)."
        ),
        ("SHA-256", "A fingerprint of a file: the same value means exactly the same file was used."),
    ]
}
