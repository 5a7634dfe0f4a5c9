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
    /// `components:` list. With `duplicateAt`, that component repeats the id of the first.
    public static func withComponents(_ count: Int, prefix: String = "c", duplicateAt: Int? = nil) -> String {
        var text = FrameworkTemplate.text
        insertComponents(count, prefix: prefix, duplicateAt: duplicateAt, into: &text)
        return text
    }

    /// How many lines each inserted component takes.
    public static let linesPerComponent = 6

    private static func insertComponents(_ count: Int, prefix: String, duplicateAt: Int?, into text: inout String) {
        guard count > 0, let header = text.firstRange(of: "\ncomponents:"),
            let lineEnd = text[header.upperBound...].firstIndex(of: "\n")
        else { return }
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
                    holds: [service-cert]

                """
        }
        text.insert(contentsOf: block, at: text.index(after: lineEnd))
    }
}
