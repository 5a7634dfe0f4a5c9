import DocumentSchema
import PolicyCatalog
import ReviewEngine
import ReviewRecords
import YAMLDocument

/// The complete result as JSON, schema `mupj-report/1` (documented in docs/report-json.md).
/// Everything any other format shows is in here. It is written straight to bytes, and in three
/// pieces (the opening with the catalogs, one piece per framework, the closing) so that a review
/// of many descriptions can be sent out one framework at a time (`ReportStream`).
public enum JSONReport {
    public static let schemaID = "mupj-report/1"

    public static func render(_ context: ReportContext) -> String {
        ReportStream.render(.json, context, colour: false)
    }

    /// Everything before the first framework; leaves the `frameworks` array open.
    public static func opening(toolVersion: String, catalogs: [CatalogInfo], date: String?, into out: inout JSONWriter)
    {
        out.open(.object)
        out.member("schema", schemaID)
        out.member("tool") { out in
            out.member("name", "mupj")
            out.member("version", toolVersion)
        }
        out.member("date", date)
        out.member("catalogs", catalogs, catalog)
        out.key("frameworks")
        out.open(.array)
    }

    public static func closing(into out: inout JSONWriter) {
        out.close(.array)
        out.close(.object)
        out.raw("\n")
    }

    static func catalog(_ out: inout JSONWriter, _ c: CatalogInfo) {
        out.object { out in
            out.member("id", c.id)
            out.member("title", c.title)
            out.member("document") { out in
                out.member("title", c.document.title)
                out.member("reference", c.document.reference)
                out.member("version", c.document.version)
                out.member("url", c.document.url)
            }
            out.member("file", c.file)
            out.member("sha256", c.sha256)
            out.member("clauses", c.clauses, clause)
        }
    }

    static func clause(_ out: inout JSONWriter, _ c: ClauseInfo) {
        out.object { out in
            out.member("id", c.id)
            out.member("catalog", c.catalogID)
            out.member("title", c.title)
            out.member("paraphrase", c.paraphrase)
            out.member("subjects", c.subjects) { out, subject in out.string(subject.rawValue) }
            out.member("source") { out in
                out.member("document", c.source.document)
                out.member("version", c.source.version)
                out.member("section", c.source.section)
            }
            out.member("severity", c.severity.rawValue)
            out.member("rationale", c.rationale)
            out.member("recommendation", c.recommendation)
        }
    }

    /// How much of a framework's report is kept before it is handed on, when a caller takes it in
    /// pieces: a description with tens of thousands of elements has a report of hundreds of MB.
    public static let piece = 1 << 20

    /// One element of the `frameworks` array. With `emit`, what is written is lent to it in
    /// pieces of about `piece` bytes, between findings, and the rest is left in `out`; when `emit`
    /// returns false, the findings after that piece are left out, for a caller that throws the
    /// framework away (one made on another thread that grew past its bound).
    public static func framework(
        _ framework: FrameworkOverview, context: ReportContext, into out: inout JSONWriter,
        emit: ((Span<UInt8>) -> Bool)? = nil
    ) {
        var going = true
        let (f, counts, tracking, verdict) = (framework.review, framework.counts, framework.tracking, framework.verdict)
        let sameFacts = SameFacts(f)
        out.nextItem()
        out.object { out in
            out.member("name", f.name)
            out.member("vo", f.vo)
            out.member("file", f.file)
            out.member("sha256", f.sha256)
            out.member("description_version", f.descriptionVersion)
            out.member("described_on", f.describedOn)
            out.member("summary", f.summary)
            out.member("status", counts.overall.rawValue)
            out.member("clause_status_counts", counts.json(counts.clausesByStatus))
            out.member("finding_status_counts", counts.json(counts.findingsByStatus))
            out.member("open_findings_by_severity", counts.json(counts.openBySeverity))
            out.member("verdict") { out in
                out.member("value", verdict.verdict.rawValue)
                out.member("phrase", verdict.verdict.phrase)
                out.member("supported", verdict.supported.rawValue)
                out.member("sign_off_pending", verdict.signOffPending)
                out.member("sign_off_missing", verdict.signOff.missing) { out, text in out.string(text) }
                out.member("dismissed", verdict.dismissed)
                out.member("reasons", verdict.reasons) { out, reason in out.string(reason.id) }
            }
            if let file = tracking.file {
                out.member("tracking") { out in
                    out.member("file", file.path)
                    out.member("sha256", file.sha256)
                    out.member("open_findings", tracking.open)
                    out.member("unjudged", tracking.unjudged)
                    out.member("sign_offs", tracking.signOffs) { out, s in signOff(s, into: &out) }
                    out.member("other_sign_offs", tracking.outdatedSignOffs) { out, s in signOff(s, into: &out) }
                }
            } else {
                out.member("tracking", JSON.null)
            }
            out.member("clauses", f.clauses) { out, c in
                out.object { out in
                    out.member("catalog", c.clause.catalogID)
                    out.member("clause", c.clause.id)
                    out.member("status", c.status.rawValue)
                    out.member("findings", c.findings) { out, finding in
                        guard going else { return }
                        Self.finding(
                            finding, context: context, judged: tracking.state(of: finding),
                            sameFacts: sameFacts.isEmpty ? nil : sameFacts.others(of: finding), into: &out)
                        if let emit, out.pendingBytes >= piece { going = out.handOver(emit) }
                    }
                }
            }
        }
    }

    static func finding(
        _ f: Finding, context: ReportContext, judged: FrameworkTracking.State = .unjudged,
        sameFacts: SameFacts.Others? = nil, into out: inout JSONWriter
    ) {
        out.object { out in
            out.member("id", f.id)
            out.member("rule", f.ruleID)
            out.member("check", f.checkID)
            out.member("title", f.title)
            out.member("severity", f.severity.rawValue)
            out.member("status", f.status.rawValue)
            out.member("subject", f.subject)
            out.member("message", f.message)
            out.member("recommendation", f.recommendation)
            out.member("evidence", f.evidence) { out, e in evidence(e, context: context, into: &out) }
            out.member("trace", f.trace, observation)
            if let sameFacts {
                out.member("same_facts") { out in
                    out.member("findings", sameFacts.links) { out, link in out.string(link.id) }
                    out.member("unlisted", sameFacts.unlisted)
                }
            }
            switch judged {
            case .unjudged: break
            case .judged(let j): judgement(j, holds: true, into: &out)
            case .lapsed(let j, _): judgement(j, holds: false, into: &out)
            }
        }
    }

    /// A reviewer's judgement on a finding; `holds` is false for one made when the finding had
    /// another status.
    static func judgement(_ j: Judgement, holds: Bool, into out: inout JSONWriter) {
        out.member("judgement") { out in
            out.member("kind", j.kind.rawValue)
            out.member("holds", holds)
            out.member("status_judged", j.status.rawValue)
            out.member("justification", j.justification)
            reviewer(j.reviewer, into: &out)
            out.member("date", j.date.description)
            out.member("file", j.file)
            out.member("line", j.location.line)
        }
    }

    static func signOff(_ s: SignOff, into out: inout JSONWriter) {
        out.object { out in
            reviewer(s.reviewer, into: &out)
            out.member("date", s.date.description)
            out.member("recommendation", s.recommendation.rawValue)
            out.member("description_sha256", s.descriptionSHA256)
            out.member("conditions", s.conditions) { out, text in out.string(text) }
            out.member("file", s.file)
            out.member("line", s.location.line)
        }
    }

    static func reviewer(_ r: Reviewer, into out: inout JSONWriter) {
        out.member("by") { out in
            out.member("name", r.name)
            out.member("organisation", r.organisation)
        }
    }

    static func location(_ key: StaticString, _ l: SourceLocation, into out: inout JSONWriter) {
        out.member(key) { out in
            out.member("line", l.line)
            out.member("column", l.column)
            out.member("offset", l.offset)
        }
    }

    static func evidence(_ e: Evidence, context: ReportContext, into out: inout JSONWriter) {
        let quote = context.quote(e, limit: e.state == .absent ? 1 : 5)
        out.object { out in
            out.member("file", e.file)
            location("start", e.range.start, into: &out)
            location("end", e.range.end, into: &out)
            out.member("path", e.path)
            out.member("state", e.state.rawValue)
            out.member("value", e.value)
            if e.partial { out.member("partial", true) }
            out.member("reason", e.reason)
            if !e.sources.isEmpty {
                out.member("sources", e.sources) { out, source in out.string(source) }
            }
            if e.unlistedSources > 0 { out.member("unlisted_sources", e.unlistedSources) }
            if let notes = e.notes { out.member("notes", notes) }
            if let quote {
                out.member("quote") { out in
                    out.member("lines", quote.lines) { out, line in
                        out.object { out in
                            out.member("line", line.number)
                            out.member("text", line.text)
                            out.member("marked", line.text, utf8: e.state == .absent ? 0..<0 : line.markedUTF8)
                        }
                    }
                    out.member("omitted_lines", e.state == .absent ? 0 : quote.omitted)
                }
            }
        }
    }

    static func observation(_ out: inout JSONWriter, _ o: Observation) {
        out.object { out in
            out.member("phase", o.phase.rawValue)
            out.member("test", o.test.words(negated: false))
            out.member("result", o.truth.rawValue)
            out.member("reached", o.reached, place)
            if o.unlisted > 0 { out.member("unlisted", o.unlisted) }
            if !o.decides { out.member("decides", false) }
            if !o.via.isEmpty { out.member("via", o.via, place) }
        }
    }

    static func place(_ out: inout JSONWriter, _ place: Reached) {
        out.object { out in
            out.member("path", place.path)
            out.member("state", place.stateName)
            out.member("value", place.display)
            out.member("line", place.range.start.line)
            out.member("column", place.range.start.column)
            if place.possible { out.member("possible", true) }
        }
    }
}

extension Reached {
    var stateName: String {
        switch state {
        case .known: return "stated"
        case .unknown: return "unknown"
        case .absent: return "absent"
        }
    }

    var display: String? {
        switch state {
        case .known(let v): return v.display
        case .unknown: return "unknown"
        case .absent: return nil
        }
    }
}
