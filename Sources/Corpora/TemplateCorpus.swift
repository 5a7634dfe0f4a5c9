import FrameworkModel

/// Descriptions generated from the template (`mupj init`), for the benchmark's corpora and the
/// hardening tests' large inputs: one generator, so that the inputs the tests check are the
/// inputs the benchmark times.
public enum TemplateCorpus {
    /// The template with its own name and VO, and four more components with ids of its own: the
    /// files differ, but every corpus has the same mix of content. Component entries cost more per
    /// byte than the template's prose (libyaml's time too), so corpora whose files had 0 to 7 extra
    /// components made "10× the input" also mean "more of the costlier content", and the scaling
    /// check measured the mix rather than the scaling.
    public static func variation(_ i: Int) -> String {
        var text = FrameworkTemplate.text
            .replacing("name: ExamplePilot", with: "name: Pilot \(i)")
            .replacing("vo: EXAMPLE", with: "vo: VO-\(i)")
        insertComponents(4, prefix: "extra-\(i)", duplicateAt: nil, into: &text)
        return text
    }

    /// The template with `count` more components, ids `PREFIX-0`, `PREFIX-1`…, at the head of its
    /// `components:` list. With `duplicateAt`, that component repeats the id of the first; without
    /// `holds`, none says what it holds, so each may hold every credential.
    public static func withComponents(
        _ count: Int, prefix: String = "c", duplicateAt: Int? = nil, holds: Bool = true
    ) -> String {
        var text = FrameworkTemplate.text
        insertComponents(count, prefix: prefix, duplicateAt: duplicateAt, holds: holds, into: &text)
        return text
    }

    /// The template with `holders` more pilots on the worker node, `pilot-0` …, each holding all of
    /// `holders` more pilot proxies, `proxy-0` …: a credential's `held_by` reaches every one of those
    /// pilots, so the review follows `holders`² references. (A check on the pilot's proxy follows
    /// `held_by.zone` for every proxy.)
    public static func densest(holders: Int) -> String {
        var text = FrameworkTemplate.text
        let held = (0..<holders).map { "proxy-\($0)" }.joined(separator: ", ")
        var pilots = ""
        var proxies = ""
        for n in 0..<holders {
            pilots += """
                  - id: pilot-\(n)
                    name: Pilot \(n) of the generated corpus
                    kind: pilot
                    zone: worker-node
                    operated_by: vo
                    holds: [\(held)]

                """
            proxies += """
                  - id: proxy-\(n)
                    type: voms-proxy
                    identity: pilot-owner
                    lifetime_hours: 24
                    delegation: limited
                    location: /tmp/x509up_u\(n)
                    file_mode: "0600"
                    readable_by: [pilot-account]

                """
        }
        insert(pilots, atHeadOf: "components", in: &text)
        insert(proxies, atHeadOf: "credentials", in: &text)
        return text
    }

    /// The template with one more pilot, on the worker node with a `source` of `sourceBytes`
    /// characters, holding `proxies` more pilot proxies: a check on each proxy follows `held_by.zone`
    /// to that pilot, so each of `proxies` findings cites the long source.
    public static func longSourceCitedBy(proxies: Int, sourceBytes: Int) -> String {
        sourceCitedBy(proxies: proxies, source: String(repeating: "s", count: sourceBytes))
    }

    /// The same with `sources` citations of `sourceBytes` each on the pilot's zone.
    public static func manySourcesCitedBy(proxies: Int, sources: Int, sourceBytes: Int) -> String {
        let one = String(repeating: "s", count: max(0, sourceBytes - 6))
        return sourceCitedBy(
            proxies: proxies,
            source: "[" + (0..<sources).map { number($0) + one }.joined(separator: ", ") + "]")
    }

    /// `n` in six digits.
    private static func number(_ n: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The template with `channels` more channels from one unknown component id, pasted by alias:
    /// 40 characters, each a letter and 1 000 combining marks (80 KB).
    public static func markedReferences(channels: Int) -> String {
        let id = String(repeating: "a" + String(repeating: "\u{301}", count: 1_000), count: 40)
        var text = FrameworkTemplate.text
        let block = (0..<channels).map {
            "  - {id: marked-\($0), from: \($0 == 0 ? "&x \"\(id)\"" : "*x"), to: task-queue, protocol: https, "
                + "authentication: mutual, encrypted: true, integrity_protected: true, carries: [status]}\n"
        }.joined()
        insert(block, atHeadOf: "channels", in: &text)
        return text
    }

    private static func sourceCitedBy(proxies: Int, source: String) -> String {
        var text = FrameworkTemplate.text
        let held = (0..<proxies).map { "proxy-\($0)" }.joined(separator: ", ")
        insert(
            "  - {id: big-pilot, name: P, kind: pilot, zone: {value: worker-node, source: \(source)}, "
                + "operated_by: vo, holds: [\(held)]}\n", atHeadOf: "components", in: &text)
        let proxiesBlock = (0..<proxies).map {
            "  - {id: proxy-\($0), type: voms-proxy, identity: pilot-owner, lifetime_hours: 24, delegation: limited, "
                + "location: x, file_mode: \"0600\", readable_by: [pilot-account]}\n"
        }.joined()
        insert(proxiesBlock, atHeadOf: "credentials", in: &text)
        return text
    }

    /// The template with `components` more components (`withComponents`) and `channels` more
    /// channels, each from a misspelt component id (`c-N` written `c-nN`): a wrong reference per
    /// channel, each compared with every component id for a suggestion.
    public static func withMisspeltReferences(components: Int, channels: Int) -> String {
        var text = withComponents(components)
        var block = ""
        for n in 0..<channels {
            block += """
                  - id: misspelt-\(n)
                    from: c-n\(n)
                    to: task-queue
                    protocol: https
                    authentication: mutual
                    encrypted: true
                    integrity_protected: true
                    carries: [payloads]

                """
        }
        insert(block, atHeadOf: "channels", in: &text)
        return text
    }

    /// The template with its `channels:` list replaced by `count` channels written on one line,
    /// in flow style (JSON is YAML too): every finding on a channel quotes that line.
    public static func withChannelsOnOneLine(_ count: Int) -> String {
        var text = FrameworkTemplate.text
        guard let header = text.firstRange(of: "\nchannels:"),
            let end = text[header.upperBound...].firstRange(of: "\n\n")
        else { return text }
        var line = "\nchannels: ["
        line.reserveCapacity(count * 160)
        for n in 0..<count {
            if n > 0 { line += ", " }
            line +=
                "{id: channel-\(n), from: pilot, to: task-queue, protocol: https, authentication: mutual, "
                + "encrypted: true, integrity_protected: true, carries: [payloads, user-credentials]}"
        }
        text.replaceSubrange(header.lowerBound..<end.lowerBound, with: line + "]")
        return text
    }

    /// Nodes that `densest(holders:)` adds to the template's: a pilot is a mapping of six fields
    /// (13 nodes) and its `holders` items; a proxy a mapping of eight fields and one item (18).
    public static func densestExtraNodes(holders: Int) -> Int { holders * (13 + holders) + holders * 18 }

    /// How many lines each inserted component takes.
    public static let linesPerComponent = 6

    /// Puts `block` (whole lines) first in the top-level list `list`.
    private static func insert(_ block: String, atHeadOf list: String, in text: inout String) {
        guard let header = text.firstRange(of: "\n\(list):"),
            let lineEnd = text[header.upperBound...].firstIndex(of: "\n")
        else { return }
        text.insert(contentsOf: block, at: text.index(after: lineEnd))
    }

    private static func insertComponents(
        _ count: Int, prefix: String, duplicateAt: Int?, holds: Bool = true, into text: inout String
    ) {
        guard count > 0 else { return }
        var block = ""
        block.reserveCapacity(count * 150)
        let kinds = ["monitoring", "pilot-factory", "site-vo-box", "payload-wrapper"]
        for n in 0..<count {
            block += """
                  - id: \(prefix)-\(n == duplicateAt ? 0 : n)
                    name: Component \(n) of the generated corpus
                    kind: \(kinds[n % kinds.count])
                    zone: \(n % 2 == 0 ? "central" : "site-edge")
                    operated_by: vo
                \(holds ? "    holds: [service-cert]\n" : "")
                """
        }
        insert(block, atHeadOf: "components", in: &text)
    }
}
