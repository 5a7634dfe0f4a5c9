import PolicyCatalog
import ReviewEngine
import ReviewRecords

/// `mupj explain`: a clause in words, and the decision trace of its checks on a description,
/// with the reviewers' judgements when there is a tracking file. For a terminal: the catalog and
/// the description are written by others, so every string from them is shown with its control
/// characters escaped (`Escape.terminal`).
public enum Explanation {
    public static func clause(_ clause: Clause, in catalog: Catalog) -> String {
        let t = Escape.terminal
        var out = "\(t(clause.id)): \(t(clause.title))\n"
        let source = "\(catalog.document.title), \(clause.source.description) (\(catalog.document.reference))"
        out += wrap(source, after: "Source: ", indent: "  ") + "\n"
        out +=
            "Binds: \(clause.subjects.map(\.rawValue).joined(separator: ", ")). Severity: \(clause.severity.rawValue).\n\n"
        out += wrap(clause.paraphrase) + "\n\n" + wrap(clause.rationale, after: "Why: ") + "\n\nChecks:\n"
        for check in clause.checks {
            let head = "  \(t(check.id)) [\((check.severity ?? clause.severity).rawValue)]: "
            out += wrap(check.title, after: head, indent: "      ") + "\n"
            if let when = check.when { out += "    applies when \(t(when.words))\n" }
            if let collection = check.forEach {
                let filter = check.whereCondition.map { " where \(t($0.words))" } ?? ""
                out += "    for each of the \(collection.rawValue)\(filter)\n"
            }
            out += "    requires \(t(check.require.words))\n"
        }
        out += "\nExamples (each run whenever the catalog is loaded):\n"
        for example in clause.examples {
            let place = "(\(catalog.file):\(example.range.start.line))"
            let head = "  \(example.expect.rawValue)" + (example.note.isEmpty ? " " : ": ")
            out += wrap(example.note.isEmpty ? place : "\(example.note) \(place)", after: head, indent: "      ") + "\n"
        }
        out += "\n" + wrap(clause.recommendation, after: "Recommendation: ") + "\n"
        return out
    }

    /// How the clause was decided on the description in `file`, finding by finding, each with
    /// what the reviewers said of it in `tracking`, if anything.
    public static func trace(_ result: ClauseResult, file: String, tracking: FrameworkTracking? = nil) -> String {
        let t = Escape.terminal
        var out = "Decision for \(t(file)): \(t(result.clause.id)) is \(result.status.phrase)\n"
        for finding in result.findings {
            let subject = finding.subject.map { " on \(t($0))" } ?? ""
            out += "\n  \(t(finding.checkID))\(subject): \(finding.status.phrase)\n"
            out += "    \(t(finding.message))\n"
            if let judgement = tracking.flatMap({ Wording.judgement($0.state(of: finding)) }) {
                out += "    \(t(judgement)).\n"
            }
            for observation in finding.trace {
                out += "    [\(observation.phase.rawValue)] \(t(observation.test.words(negated: false))) → "
                out += "\(observation.truth.rawValue)\n"
                func line(_ place: Reached, _ lead: String) {
                    let value: String
                    switch place.state {
                    case .known(let v): value = t(v.display)
                    case .unknown: value = "unknown"
                    case .absent: value = "(not stated)"
                    }
                    out +=
                        "        \(lead)\(t(place.path)) = \(value)  at \(t(file)):\(place.range.start.line):"
                        + "\(place.range.start.column)\n"
                }
                // The references the path followed, then what it reached through them.
                for place in observation.via { line(place, "via ") }
                if observation.reached.isEmpty { out += "        (no element reached)\n" }
                for place in observation.reached {
                    // A place reached through an element that may not refer back (see `Reached.possible`).
                    line(place, place.possible ? "possibly " : "")
                }
                if observation.unlisted > 0 { out += "        … and \(observation.unlisted) more places, not listed\n" }
            }
        }
        return out
    }

    /// Folds text to about 96 columns for the terminal, its own line breaks and controls
    /// escaped (`Escape.terminalParagraph`). The first line starts with `prefix` (counted in the
    /// width), the others with `indent`.
    static func wrap(_ text: String, after prefix: String = "", indent: String = "") -> String {
        Wrapping.paragraph(text, width: 96, first: prefix, rest: indent)
    }
}
