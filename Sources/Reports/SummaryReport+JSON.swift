import DocumentSchema

/// The summary as JSON (`mupj-summary/2`), for tools.
extension SummaryReport {
    public func json() -> JSON {
        let result = context.result
        let entries = self.entries
        return .obj([
            ("schema", .string(SummaryReport.schemaID)),
            ("tool", .obj([("name", .string("mupj")), ("version", .string(result.toolVersion))])),
            ("date", context.date.map(JSON.string)),
            ("as_of", prerequisites?.asOf.map(JSON.string)),
            ("dating", dating.map(JSON.string)),
            (
                "frameworks",
                .array(
                    entries.map { entry in
                        .obj([
                            ("name", .string(entry.review.name)),
                            ("vo", .string(entry.review.vo)),
                            ("file", .string(entry.review.file)),
                            ("verdict", .string(entry.verdict.verdict.rawValue)),
                            ("verdict_phrase", .string(entry.verdict.verdict.phrase)),
                            ("explanation", .string(Wording.explanation(entry.verdict))),
                            ("supported", .string(entry.verdict.supported.rawValue)),
                            ("sign_off_pending", .bool(entry.verdict.signOffPending)),
                            ("sign_off_missing", .array(entry.verdict.signOff.missing.map(JSON.string))),
                            (
                                "signed_by",
                                .array(
                                    entry.verdict.signOff.signed
                                        ? entry.verdict.signOff.signOffs.map {
                                            .obj([
                                                ("name", .string($0.reviewer.name)),
                                                ("organisation", .string($0.reviewer.organisation)),
                                                ("date", .string($0.date.description)),
                                            ])
                                        } : [])
                            ),
                            ("conditions", .array(Wording.conditions(entry.verdict.signOff).map(JSON.string))),
                            ("judgements", Wording.judgements(entry.tracking).map(JSON.string)),
                            (
                                "open_findings",
                                .object(
                                    entry.counts.openByStatusAndSeverity.map { status, table in
                                        JSON.Member(status, entry.counts.json(table))
                                    })
                            ),
                            ("clause_status_counts", entry.counts.json(entry.counts.clausesByStatus)),
                            (
                                "reasons",
                                .array(
                                    entry.topReasons.map { reason in
                                        .obj([
                                            ("finding", .string(reason.finding.id)),
                                            ("clause", .string(reason.finding.clauseID)),
                                            ("check", .string(reason.finding.checkID)),
                                            ("status", .string(reason.finding.status.rawValue)),
                                            ("severity", .string(reason.finding.severity.rawValue)),
                                            ("text", .string(reason.text)),
                                        ])
                                    })
                            ),
                            ("more_reasons", .int(entry.moreReasons)),
                        ])
                    })
            ),
            ("prerequisites", prerequisitesJSON),
            ("next_steps", .array(nextSteps(entries).map(JSON.string))),
            (
                "provenance",
                .obj([
                    ("tool_version", .string(result.toolVersion)),
                    (
                        "catalogs",
                        .array(
                            result.catalogs.map {
                                .obj([
                                    ("id", .string($0.id)), ("file", .string($0.file)), ("sha256", .string($0.sha256)),
                                ])
                            })
                    ),
                    (
                        "descriptions",
                        .array(
                            result.frameworks.map {
                                .obj([
                                    ("name", .string($0.name)), ("file", .string($0.file)),
                                    ("sha256", .string($0.sha256)),
                                ])
                            })
                    ),
                    (
                        "tracking_files",
                        .array(
                            context.tracking.files.map {
                                .obj([("file", .string($0.path)), ("sha256", .string($0.sha256))])
                            })
                    ),
                    (
                        "prerequisite_files",
                        .array(
                            (prerequisites?.files ?? []).map {
                                .obj([
                                    ("kind", .string($0.kind)), ("file", .string($0.path)),
                                    ("sha256", .string($0.sha256)),
                                ])
                            })
                    ),
                ])
            ),
        ])
    }

    var prerequisitesJSON: JSON {
        guard let prerequisites else {
            return .obj([("assessed", .bool(false)), ("statement", .string(SummaryReport.notAssessed))])
        }
        return .obj([
            ("assessed", .bool(true)),
            (
                "items",
                .array(
                    prerequisites.items.map {
                        .obj([
                            ("id", .string($0.id)), ("title", .string($0.title)),
                            ("status", .string($0.state.rawValue)), ("status_phrase", .string($0.phrase)),
                            ("evidence", .string($0.evidence)),
                            ("mb_reported", StatusRendering.json($0.mbReported)),
                        ])
                    })
            ),
            ("gate", .string(prerequisites.gate)),
            (
                "gate_reasons",
                .array(
                    prerequisites.gateReasons.map {
                        .obj([("text", .string($0.text)), ("items", .array($0.items.map(JSON.string)))])
                    })
            ),
        ])
    }
}
