import ReviewRecords

extension PrerequisitesSection {
    /// The summary's prerequisites block, from the tracker's report for one day.
    public init(_ report: PrerequisiteReport) {
        let items = report.prerequisites.map { status in
            var evidence = status.summary
            if let addition = status.addition, !status.inForce {
                evidence += " (not yet a condition: the MB added it on \(addition.date))"
            }
            var item = Item(
                id: status.id, title: status.title, state: status.state, evidence: evidence,
                mbReported: status.mbReported)
            item.onInferenceOnly = status.metOnInferenceOnly
            return item
        }
        var reasons = report.gate.reasons
        for window in report.gate.exceptionWindows {
            var text = "exception window \(window.id) (\(window.from) to \(window.to)) applies"
            if !window.suspends.isEmpty { text += ", suspending " + window.suspends.joined(separator: ", ") }
            if !window.conditions.isEmpty { text += ", on these conditions" }
            reasons.append(.init(text, items: window.conditions))
        }
        if let ended = StatusRendering.ended(report.gate) { reasons.append(.init(ended)) }
        let files =
            report.catalogs.map { File(kind: "prerequisite catalog", path: $0.file, sha256: $0.sha256) }
            + [File(kind: "status file", path: report.statusFile, sha256: report.statusFileSHA256)]
        self.init(
            items: items, asOf: report.asOf.description,
            gateHeadline: "On \(report.asOf) the policy is \(report.gate.phrase)", gateReasons: reasons,
            files: files, notMet: report.gate.blocking, awaitingMB: report.gate.state == .awaitingMB)
    }
}
