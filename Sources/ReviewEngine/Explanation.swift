import PolicyCatalog

/// `mupj explain`: a clause in words, and the decision trace of its checks on a description.
public enum Explanation {
    public static func clause(_ clause: Clause, in catalog: Catalog) -> String {
        var out = "\(clause.id): \(clause.title)\n"
        out += "Source: \(catalog.document.title), \(clause.source) (\(catalog.document.reference))\n"
        out +=
            "Binds: \(clause.subjects.map(\.rawValue).joined(separator: ", ")). Severity: \(clause.severity.rawValue).\n\n"
        out += wrap(clause.paraphrase) + "\n\nWhy: " + wrap(clause.rationale) + "\n\nChecks:\n"
        for check in clause.checks {
            out += "  \(check.id) [\((check.severity ?? clause.severity).rawValue)]: \(check.title)\n"
            if let when = check.when { out += "    applies when \(when.words)\n" }
            if let collection = check.forEach {
                let filter = check.whereCondition.map { " where \($0.words)" } ?? ""
                out += "    for each of the \(collection.rawValue)\(filter)\n"
            }
            out += "    requires \(check.require.words)\n"
        }
        out += "\nExamples (each run whenever the catalog is loaded):\n"
        for example in clause.examples {
            let note = example.note.isEmpty ? "" : ": \(example.note)"
            out += "  \(example.expect.rawValue)\(note) (\(catalog.file):\(example.range.start.line))\n"
        }
        out += "\nRecommendation: " + wrap(clause.recommendation) + "\n"
        return out
    }

    public static func trace(_ result: ClauseResult, file: String) -> String {
        var out = "Decision for \(file): \(result.clause.id) is \(result.status.phrase)\n"
        for finding in result.findings {
            let subject = finding.subject.map { " on \($0)" } ?? ""
            out += "\n  \(finding.checkID)\(subject): \(finding.status.phrase)\n"
            out += "    \(finding.message)\n"
            for observation in finding.trace {
                out += "    [\(observation.phase.rawValue)] \(observation.test.words(negated: false)) → "
                out += "\(observation.truth.rawValue)\n"
                if observation.reached.isEmpty { out += "        (no element reached)\n" }
                for place in observation.reached {
                    let value: String
                    switch place.state {
                    case .known(let v): value = v.display
                    case .unknown: value = "unknown"
                    case .absent: value = "(not stated)"
                    }
                    // A place reached through an element that may not refer back (see `Reached.possible`).
                    let possibly = place.possible ? "possibly " : ""
                    out +=
                        "        \(possibly)\(place.path) = \(value)  at \(file):\(place.range.start.line):"
                        + "\(place.range.start.column)\n"
                }
                if observation.unlisted > 0 { out += "        … and \(observation.unlisted) more places, not listed\n" }
            }
        }
        return out
    }

    /// Folds text to about 96 columns for the terminal.
    static func wrap(_ text: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + word.count + 1 > 96 {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
