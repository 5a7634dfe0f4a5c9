import DocumentSchema
import PolicyCatalog
import ReviewRecords

/// The formats of `mupj status`. Every format is a function of the `PrerequisiteReport` (or of the
/// history), so no two can disagree; none reads the clock.
public enum StatusReportFormat: String, Sendable, CaseIterable {
    case text, markdown, json
}

public enum StatusRendering {
    public static func render(_ report: PrerequisiteReport, as format: StatusReportFormat) -> String {
        switch format {
        case .text: return text(report)
        case .markdown: return markdown(report)
        case .json: return json(report).rendered()
        }
    }

    public static func render(history: [StatusChange], file: String, as format: StatusReportFormat) -> String {
        switch format {
        case .text: return text(history: history, file: file)
        case .markdown: return markdown(history: history, file: file)
        case .json: return json(history: history, file: file).rendered()
        }
    }

    static let width = 100

    // MARK: - Text

    public static func text(_ report: PrerequisiteReport) -> String {
        var out = "MB prerequisites for multi-user pilot jobs, as of \(report.asOf)\n"
        out +=
            "status file \(Escape.terminal(report.statusFile))"
            + (report.latestDate.map { " (latest date \($0))" } ?? "") + "\n\n"
        let gate = report.gate
        var headline = "Policy: \(gate.phrase) on \(report.asOf)"
        if !gate.blocking.isEmpty && !gate.inEffect {
            headline += " (blocked by " + Escape.terminal(gate.blocking.joined(separator: ", ")) + ")"
        }
        out += headline + "\n"
        for reason in gate.reasons { out += reasonText(reason) }
        out += windowsText(gate.exceptionWindows, day: report.asOf, ended: Self.ended(gate))
        for prerequisite in report.prerequisites {
            out += "\n" + prerequisiteText(prerequisite)
        }
        return out
    }

    /// A reason on one line, or, when it lists more than one item, its items listed under it.
    static func reasonText(_ reason: PolicyGate.Reason) -> String {
        guard let listed = reason.listed else { return wrap(reason.sentence, first: "  - ", rest: "    ") }
        return wrap(reason.text + ":", first: "  - ", rest: "    ")
            + listed.map { wrap($0, first: "    - ", rest: "      ") }.joined()
    }

    /// "exception window W (2009-12-01 to 2010-02-28) has ended, and no later one is on file", or
    /// "…; the next, V, starts on 2010-06-01": said where no window covers the day and one ended
    /// before it (`PolicyGate.endedWindows`), nil otherwise.
    static func ended(_ gate: PolicyGate) -> String? {
        guard !gate.endedWindows.isEmpty else { return nil }
        let windows = gate.endedWindows.map { "\($0.id) (\($0.from) to \($0.to))" }
        return
            (windows.count == 1 ? "exception window \(windows[0]) has" : "exception windows \(windows.listed()) have")
            + " ended"
            + (gate.nextWindow.map { "; the next, \($0.id), starts on \($0.from)" } ?? ", and no later one is on file")
    }

    static func windowsText(_ windows: [ExceptionWindow], day: CalendarDay, ended: String? = nil) -> String {
        guard !windows.isEmpty else {
            return wrap("Exception windows on \(day): none" + (ended.map { "; " + $0 } ?? ""), first: "", rest: "  ")
        }
        var out = "Exception windows on \(day):\n"
        for window in windows {
            out += wrap(
                "\(window.id), \(window.from) to \(window.to) inclusive: suspends "
                    + window.suspends.joined(separator: ", ") + "; conditions: "
                    + shownConditions(window).joined(separator: "; ") + "; decision: \(Value.shown(window.decision))",
                first: "  - ", rest: "    ")
        }
        return out
    }

    /// A window's conditions as every format shows them, each cut as findings cut values
    /// (`Value.shown`, 1 000 bytes), as is its decision: a decision of 1 MB pasted by alias into
    /// 1 000 windows open on the day printed 1 GB in 31 s. The status file holds the whole text.
    static func shownConditions(_ window: ExceptionWindow) -> [String] { window.conditions.map(Value.shown) }

    static func marker(_ state: RequirementItem.State) -> String {
        switch state {
        case .done: return "+"
        case .partial: return "~"
        case .absent: return "-"
        }
    }

    static func prerequisiteText(_ p: PrerequisiteStatus) -> String {
        var out = "\(Escape.terminal(p.id))  \(p.phrase)  \(Escape.terminal(p.title))\n"
        if let addition = p.addition {
            out += wrap(
                "not in the original list of November 2007; added by \(addition.by) on \(addition.date)"
                    + (p.inForce ? "" : ": not yet a condition on this day, and it blocks nothing"),
                first: "  ", rest: "  ")
        }
        out += wrap(p.summary, first: "  ", rest: "  ")
        for item in p.items {
            let places = item.evidence.map { "[\($0.origin.place)]" }.joined(separator: " ")
            out += wrap(
                item.detail + (places.isEmpty ? "" : " " + places), first: "  \(marker(item.state)) ", rest: "    ")
        }
        for note in p.notes { out += wrap(note, first: "  note: ", rest: "    ") }
        if let reported = p.mbReported {
            let agreement = reported.agreesWithEvidence ? "" : " (the evidence on file says \(p.phrase))"
            out += wrap(
                "reported \(reported.phrase)\(agreement)", first: "  MB: ",
                rest: "    ")
        }
        return out
    }

    public static func text(history: [StatusChange], file: String) -> String {
        var out = "History of the MB prerequisites, from \(Escape.terminal(file))\n"
        if history.isEmpty { return out + "no dated entries\n" }
        for change in history {
            out += "\n"
            for (i, line) in change.changes.enumerated() {
                out += wrap(line, first: i == 0 ? "\(change.date)  " : "            ", rest: "              ")
            }
            out += wrap("now: " + statusLine(change.report), first: "            ", rest: "                 ")
        }
        return out
    }

    /// "PRE-1 partly met, PRE-2 not met, …; policy not in effect; exception window X".
    public static func statusLine(_ report: PrerequisiteReport) -> String {
        var line = report.prerequisites.map { "\($0.id) \($0.phrase)" }.joined(separator: ", ")
        line += "; policy \(report.gate.phrase)"
        if !report.gate.exceptionWindows.isEmpty {
            line += "; exception window " + report.gate.exceptionWindows.map(\.id).joined(separator: ", ")
        }
        return line
    }

    /// `text` word-wrapped to `width` columns (`Wrapping.paragraph`), ending with a line break.
    static func wrap(_ text: String, first: String, rest: String) -> String {
        Wrapping.paragraph(text, width: width, first: first, rest: rest) + "\n"
    }

    // MARK: - Markdown

    public static func markdown(_ report: PrerequisiteReport) -> String {
        var out = "# MB prerequisites for multi-user pilot jobs, as of \(report.asOf)\n\n"
        out += "Status file \(Escape.markdownCode(report.statusFile))"
        if let latest = report.latestDate { out += " (latest date \(latest))" }
        out += ".\n\n"
        let gate = report.gate
        out += "## Policy: \(gate.phrase)\n\n"
        if !gate.blocking.isEmpty && !gate.inEffect {
            out += "Blocked by " + cell(gate.blocking.joined(separator: ", ")) + ".\n\n"
        }
        out += markdownList(gate.reasons)
        out += "\n"
        if gate.exceptionWindows.isEmpty {
            out += "No exception window applies on \(report.asOf)"
            out += (Self.ended(gate).map { "; " + cell($0) } ?? "") + ".\n\n"
        } else {
            out += "Exception windows that apply on \(report.asOf):\n\n"
            out += "| Window | From | To (inclusive) | Suspends | Conditions | Decision |\n|---|---|---|---|---|---|\n"
            for w in gate.exceptionWindows {
                out +=
                    "| \(cell(w.id)) | \(w.from) | \(w.to) | \(cell(w.suspends.joined(separator: ", "))) | "
                    + "\(cell(shownConditions(w).joined(separator: "; "))) | \(cell(Value.shown(w.decision))) |\n"
            }
            out += "\n"
        }
        out += "## Prerequisites\n\n| Id | Prerequisite | Status | Summary | MB reported |\n|---|---|---|---|---|\n"
        for p in report.prerequisites {
            let reported = p.mbReported?.phrase ?? ""
            out += "| \(cell(p.id)) | \(cell(p.title)) | \(p.phrase) | \(cell(p.summary)) | \(reported) |\n"
        }
        for p in report.prerequisites {
            out += "\n### \(cell(p.id)): \(cell(p.title))\n\n"
            out += "\(cell(p.paraphrase))\n\n"
            out += "Source: \(cell(p.source.description)).\n\n"
            if let addition = p.addition {
                out +=
                    "Not in the original list of November 2007; added by \(cell(addition.by)) on \(addition.date)"
                    + (p.inForce ? ".\n\n" : ": not yet a condition on this day, and it blocks nothing.\n\n")
            }
            out += "Decided by: \(cell(p.decidedBy))\n\n"
            out += "**\(p.phrase)**: \(cell(p.summary))\n\n"
            for item in p.items {
                out += "- \(item.state.rawValue): \(cell(item.detail))\n"
                for evidence in item.evidence {
                    out += "  - \(Escape.markdownCode(evidence.origin.place)) (\(cell(evidence.section)))"
                    if !evidence.origin.sources.isEmpty {
                        out += ", source: " + evidence.origin.sources.map(cell).joined(separator: "; ")
                    }
                    out += "\n"
                }
            }
            for note in p.notes { out += "- note: \(cell(note))\n" }
            if let r = p.mbReported {
                out += "- MB reported on \(r.date): \(r.state.phrase)"
                out += r.agreesWithEvidence ? "\n" : " (the evidence on file says \(p.phrase))\n"
            }
        }
        return out
    }

    public static func markdown(history: [StatusChange], file: String) -> String {
        var out = "# History of the MB prerequisites\n\nFrom \(Escape.markdownCode(file)).\n\n"
        guard !history.isEmpty else { return out + "No dated entries.\n" }
        out += "| Date | Change | Status after the change |\n|---|---|---|\n"
        for change in history {
            out +=
                "| \(change.date) | \(change.changes.map(cell).joined(separator: "<br>")) | "
                + "\(cell(statusLine(change.report))) |\n"
        }
        return out
    }

    /// Text from the status file or the catalog, in Markdown: escaped as every Markdown report
    /// escapes it (markup, table cells, control characters).
    static func cell(_ text: String) -> String { Escape.markdown(text) }

    /// The gate's reasons as a Markdown list, a reason's items nested under it when it lists more
    /// than one.
    public static func markdownList(_ reasons: [PolicyGate.Reason]) -> String {
        var out = ""
        for reason in reasons {
            guard let listed = reason.listed else {
                out += "- \(cell(reason.sentence))\n"
                continue
            }
            out += "- \(cell(reason.text)):\n"
            for item in listed { out += "  - \(cell(item))\n" }
        }
        return out
    }

    // MARK: - JSON

    public static func json(_ report: PrerequisiteReport) -> JSON {
        .obj([
            ("format", .string("mupj-prerequisites-status/1")),
            ("as_of", .string(report.asOf.description)),
            (
                "status_file",
                .obj([
                    ("path", .string(report.statusFile)), ("sha256", .string(report.statusFileSHA256)),
                    ("latest_date", report.latestDate.map { .string($0.description) } ?? .null),
                ])
            ),
            (
                "catalogs",
                .array(
                    report.catalogs.map {
                        .obj([("id", .string($0.id)), ("title", .string($0.title)), ("file", .string($0.file))])
                    })
            ),
            ("policy", json(report.gate)),
            ("prerequisites", .array(report.prerequisites.map(json))),
            ("verdicts", .array(report.verdicts.map(json))),
        ])
    }

    static func json(_ gate: PolicyGate) -> JSON {
        .obj([
            ("in_effect", .bool(gate.inEffect)),
            ("state", .string(gate.state.rawValue)),
            ("blocking", .array(gate.blocking.map(JSON.string))),
            ("reasons", .array(gate.reasons.map { .string($0.sentence) })),
            (
                "declaration",
                gate.declaration.map { d in
                    .obj([
                        ("date", .string(d.date.description)), ("summary", .string(d.summary)),
                        ("policy_in_effect", d.policyInEffect.map(JSON.bool)), ("place", .string(d.origin.place)),
                        ("sources", .array(d.origin.sources.map(JSON.string))),
                    ])
                } ?? .null
            ),
            ("exception_windows", .array(gate.exceptionWindows.map(json))),
            ("ended_exception_windows", .array(gate.endedWindows.map(json))),
            ("next_exception_window", gate.nextWindow.map(json) ?? .null),
        ])
    }

    static func json(_ w: ExceptionWindow) -> JSON {
        .obj([
            ("id", .string(w.id)), ("from", .string(w.from.description)), ("to", .string(w.to.description)),
            ("suspends", .array(w.suspends.map(JSON.string))),
            ("conditions", .array(shownConditions(w).map(JSON.string))), ("decision", .string(Value.shown(w.decision))),
            ("place", .string(w.origin.place)),
            ("sources", .array(w.origin.sources.map(JSON.string))),
        ])
    }

    static func json(_ p: PrerequisiteStatus) -> JSON {
        .obj([
            ("id", .string(p.id)),
            ("title", .string(p.title)),
            ("original_list", .bool(p.originalList)),
            ("in_force", .bool(p.inForce)),
            (
                "added",
                p.addition.map { a in
                    .obj([("by", .string(a.by)), ("date", .string(a.date)), ("note", a.note.map(JSON.string))])
                }
            ),
            (
                "source",
                .obj([
                    ("document", .string(p.source.document)), ("date", .string(p.source.date)),
                    ("section", .string(p.source.section)),
                ])
            ),
            ("decided_by", .string(p.decidedBy)),
            ("state", .string(p.state.rawValue)), ("inferred", .bool(p.metOnInferenceOnly)),
            ("summary", .string(p.summary)),
            ("missing", .array(p.missing.map(JSON.string))),
            (
                "items",
                .array(
                    p.items.map { item in
                        .obj([
                            ("name", .string(item.name)), ("state", .string(item.state.rawValue)),
                            ("detail", .string(item.detail)), ("inferred", .bool(item.inferred)),
                            (
                                "evidence",
                                .array(
                                    item.evidence.map { e in
                                        .obj([
                                            ("date", .string(e.date.description)), ("section", .string(e.section)),
                                            ("file", .string(e.origin.file)), ("line", .int(e.origin.location.line)),
                                            ("sources", .array(e.origin.sources.map(JSON.string))),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
            ("notes", .array(p.notes.map(JSON.string))),
            ("mb_reported", json(p.mbReported)),
        ])
    }

    /// What the MB reported, in `mupj status`'s JSON and the summary's alike; null when nothing.
    static func json(_ reported: MBReported?) -> JSON {
        guard let r = reported else { return .null }
        return .obj([
            ("date", .string(r.date.description)), ("state", .string(r.state.rawValue)),
            ("phrase", .string(r.phrase)), ("agrees_with_evidence", .bool(r.agreesWithEvidence)),
            ("place", .string(r.origin.place)),
        ])
    }

    static func json(_ v: FrameworkVerdictRecord) -> JSON {
        .obj([
            ("framework", .string(v.framework)), ("vo", .string(v.vo)), ("verdict", .string(v.verdict.rawValue)),
            ("described_on", v.describedOn.map { .string($0.description) } ?? .null),
            ("file", v.file.map(JSON.string)),
            (
                "signed",
                v.signature.map { s in
                    .obj([
                        ("on", .string(s.on.description)),
                        (
                            "by",
                            .array(
                                s.by.map {
                                    .obj([("name", .string($0.name)), ("organisation", .string($0.organisation))])
                                })
                        ),
                        ("place", .string(s.origin.place)),
                    ])
                } ?? .null
            ),
        ])
    }

    public static func json(history: [StatusChange], file: String) -> JSON {
        .obj([
            ("format", .string("mupj-prerequisites-history/1")),
            ("status_file", .string(file)),
            (
                "changes",
                .array(
                    history.map { change in
                        .obj([
                            ("date", .string(change.date.description)),
                            ("changes", .array(change.changes.map(JSON.string))),
                            ("policy", .string(change.report.gate.state.rawValue)),
                            ("in_effect", .bool(change.report.gate.inEffect)),
                            (
                                "prerequisites",
                                .array(
                                    change.report.prerequisites.map { p in
                                        .obj([
                                            ("id", .string(p.id)), ("state", .string(p.state.rawValue)),
                                            ("summary", .string(p.summary)),
                                        ])
                                    })
                            ),
                            (
                                "exception_windows",
                                .array(change.report.gate.exceptionWindows.map { .string($0.id) })
                            ),
                        ])
                    })
            ),
        ])
    }
}
