import FrameworkModel
import YAMLDocument

/// An input of a kind that has broken YAML tools before, and how mupj must end on it: the list
/// the hardening issue names, and the inputs found since that overwork a catalog or the status
/// file, generated here so that the hardening tests check each one's outcome and the benchmark
/// (`mupj bench --part hostile`) times each through the commands, against 2 s and 512 MiB.
public struct HostileInput: Sendable {
    /// The ways mupj reads YAML that people write.
    public enum Reader: Sendable, Hashable, CaseIterable {
        /// A framework description (`validate`, `review`).
        case description
        /// A clause or prerequisite catalog (`review --checklist`), reviewed with
        /// `Hostile.catalogPartner`.
        case catalog
        /// The same catalog on its own, its examples run (`validate`): no description is reviewed
        /// with it, so a limit only such a review reaches does not refuse it.
        case catalogAlone
        /// The MB prerequisites status file, for the status on one day (`status --status-file`).
        case statusFile
        /// The same, for every day it changed (`status --history`), whose work grows with the
        /// square of the entries.
        case history
        /// A reviewers' tracking file, joined with the review of `HostileTrackingFile.description`
        /// (`review --tracking`).
        case trackingFile
    }

    public let name: String
    /// The readers for which it is a large but valid input: a correct result, exit 0. Every other
    /// reader refuses it with an error located in the file.
    public let acceptedBy: Set<Reader>
    /// The reader the input was made to overwork: the one whose refusal shows what guards it.
    public let aimedAt: Reader
    /// What `mupj validate` reads the input as: the file on its own, as the kind of file it is.
    public var validatedAs: Reader {
        switch aimedAt {
        case .description: .description
        case .catalog, .catalogAlone: .catalogAlone
        case .statusFile, .history: .statusFile
        case .trackingFile: .trackingFile
        }
    }

    /// Generated on demand: some are tens of megabytes.
    public let bytes: @Sendable () -> [UInt8]
    /// The prerequisite catalog its history is read with (`status --history --checklist`), for a
    /// status file whose history is overworked by the catalog's size; nil for the shipped catalogs.
    public let historyCatalog: (@Sendable () -> String)?
    /// The most memory, in MiB, a command may take on it: the issue's bound, or less for an input
    /// whose cost once hid under that bound (so that its coming back fails the benchmark).
    public let maxMebibytes: Int
    /// The hardening issue's bound on the memory of a command on any hostile input.
    public static let issueMebibytes = 512

    public init(
        _ name: String, acceptedBy: Set<Reader> = [], aimedAt: Reader = .description,
        historyCatalog: (@Sendable () -> String)? = nil, maxMebibytes: Int = HostileInput.issueMebibytes,
        _ bytes: @escaping @Sendable () -> [UInt8]
    ) {
        self.name = name
        self.acceptedBy = acceptedBy
        self.aimedAt = aimedAt
        self.historyCatalog = historyCatalog
        self.maxMebibytes = maxMebibytes
        self.bytes = bytes
    }

    public static let all: [HostileInput] = [
        HostileInput("alias bomb (billion laughs)") { Hostile.billionLaughs() },
        HostileInput("one list pasted 8 times by alias") { Hostile.quadraticAliases() },
        HostileInput("block sequences 100 000 deep") { Hostile.blockSequences(depth: Hostile.depth) },
        HostileInput("flow sequences 100 000 deep") { Hostile.flowSequences(depth: Hostile.depth) },
        HostileInput("flow mappings 100 000 deep") { Hostile.flowMappings(depth: Hostile.depth) },
        HostileInput("block mappings 2 000 deep") { Hostile.blockMappings(depth: 2_000) },
        HostileInput("a 64 MiB scalar") { Hostile.scalar(bytes: Hostile.scalarBytes) },
        HostileInput("a million keys") { Hostile.millionKeys() },
        HostileInput("a million-item sequence") { Hostile.millionItems() },
        HostileInput("invalid UTF-8") { Hostile.invalidUTF8() },
        HostileInput("a NUL byte") { Hostile.nulByte() },
        HostileInput("UTF-8 byte-order mark", acceptedBy: [.description]) { Hostile.utf8ByteOrderMark() },
        HostileInput("UTF-16 byte-order mark") { Hostile.utf16(littleEndian: true) },
        HostileInput("a tab as indentation") { Hostile.tabIndentation() },
        HostileInput("self-referencing anchor") { Hostile.selfReferencingAnchor() },
        HostileInput("undefined alias") { Hostile.undefinedAlias() },
        HostileInput("two documents") { Hostile.twoDocuments() },
        HostileInput("empty file") { [] },
        HostileInput("scalar root") { Array("just a string\n".utf8) },
        HostileInput("sequence root") { Array("- a\n- b\n".utf8) },
        HostileInput("complex key") { Array("? [a, b]\n: c\n".utf8) },
        HostileInput("50 000 components", acceptedBy: [.description]) { Hostile.manyComponents() },
        HostileInput("50 000 components, an id repeated") { Hostile.manyComponents(duplicateAt: Hostile.repeatedID) },
        // Each may hold every credential: every `held_by` reaches 50 000 possible holders.
        HostileInput("50 000 components that do not say what they hold", acceptedBy: [.description]) {
            Hostile.manyComponents(holds: false)
        },
        // Found at the default limits, each by work that grew with the product of two sizes: many
        // findings quoting one long line, "did you mean" over many ids or a very long word, the
        // most nodes the size limit admits, the most wrong items and the most references between
        // elements the node budget admits.
        HostileInput("30 000 channels on one line", acceptedBy: [.description]) {
            Array(TemplateCorpus.withChannelsOnOneLine(30_000).utf8)
        },
        HostileInput("600 misspelt ids among 40 000") {
            Array(TemplateCorpus.withMisspeltReferences(components: 40_000, channels: 600).utf8)
        },
        HostileInput("an unknown key of 16 MiB") { Hostile.longKey(bytes: LoadLimits.default.maxBytes) },
        HostileInput("16 MiB of one-digit items") { Hostile.flowItems(bytes: LoadLimits.default.maxBytes) },
        // The shipped pattern on the role read the whole text into an array of characters (and
        // their composed scalars) for a match at its 20th: 438 MB, where the file takes 80.
        HostileInput("a 16 MB pilot_role at the file-size limit", acceptedBy: [.description], maxMebibytes: 128) {
            Hostile.longPilotRole(bytes: LoadLimits.default.maxBytes)
        },
        HostileInput("wrong components, node budget") { Hostile.wrongComponents() },
        HostileInput("densest: \(Hostile.densestHolders)² references", acceptedBy: [.description]) {
            Array(TemplateCorpus.densest(holders: Hostile.densestHolders).utf8)
        },
        // Each finding quoted the source whole: 1.6 GB of JSON in 2.4 s.
        HostileInput("a source of 400 KB cited by 4 000 findings", acceptedBy: [.description]) {
            Array(TemplateCorpus.longSourceCitedBy(proxies: 4_000, sourceBytes: 400_000).utf8)
        },
        // Found by the second hunt (2026-11-27): each finding listed the fact's every source
        // (4.2 s, 1 GB of JSON); an id of 40 characters of 1 000 combining marks each was quoted
        // whole in each message and hashed whole for each lookup (32 s, 400 MB of messages).
        HostileInput("2 000 sources cited by 4 000 findings", acceptedBy: [.description]) {
            Array(TemplateCorpus.manySourcesCitedBy(proxies: 4_000, sources: 2_000, sourceBytes: 100).utf8)
        },
        HostileInput("500 references to an id of combining marks") {
            Array(TemplateCorpus.markedReferences(channels: 500).utf8)
        },
        HostileInput(
            "catalog pattern that backtracks elsewhere", acceptedBy: [.catalog, .catalogAlone], aimedAt: .catalog
        ) {
            Hostile.backtrackingCatalog()
        },
        // Each catalog below is small and valid; the review's limits refuse it with a description
        // of many elements (`catalogPartner`): the work is the product of the two files.
        HostileInput("2 000 checks over every component", acceptedBy: [.catalogAlone], aimedAt: .catalog) {
            Hostile.manyChecksCatalog(checks: 2_000, selecting: true)
        },
        HostileInput("2 000 checks selecting no component", acceptedBy: [.catalogAlone], aimedAt: .catalog) {
            Hostile.manyChecksCatalog(checks: 2_000, selecting: false)
        },
        // Each component was compared with every literal, unseen by the step limit (2.7 s).
        HostileInput("a one_of of 10 000 ids", acceptedBy: [.catalogAlone], aimedAt: .catalog) {
            Hostile.longOneOfCatalog(literals: 10_000)
        },
        // Every example is run against every check when the catalog is loaded.
        HostileInput("2 000 checks, 2 000 examples", aimedAt: .catalog) {
            Hostile.manyExamplesCatalog(checks: 2_000, examples: 2_000)
        },
        // Each pasted condition was made into a tree from the catalog's root, again for each.
        HostileInput(
            "2 000 checks pasting one condition by alias", acceptedBy: [.catalog, .catalogAlone], aimedAt: .catalog
        ) {
            Hostile.aliasedConditionsCatalog(checks: 2_000)
        },
        HostileInput("status: 5 000 framework reviews", acceptedBy: [.statusFile], aimedAt: .history) {
            Array(HostileStatusFile.text(HostileStatusFile.kind("framework_reviews"), count: 5_000).utf8)
        },
        HostileInput("status: 5 000 overlapping windows", acceptedBy: [.statusFile], aimedAt: .history) {
            Array(HostileStatusFile.text(HostileStatusFile.kind("exception_windows"), count: 5_000).utf8)
        },
        // The history lists every prerequisite after each change: 1 000 of them over these 1 000
        // dates gave 90 MB of text in 7.7 s.
        HostileInput(
            "status: 1 000 entries, 1 000 prerequisites", acceptedBy: [.statusFile], aimedAt: .history,
            historyCatalog: { HostileStatusFile.prerequisiteCatalog(count: 1_000) }
        ) {
            Array(HostileStatusFile.text(HostileStatusFile.kind("glexec_reviews"), count: 1_000).utf8)
        },
        HostileInput(
            "tracking: \(HostileTrackingFile.entries) judgements of no finding", acceptedBy: [.trackingFile],
            aimedAt: .trackingFile
        ) { Array(HostileTrackingFile.judgements(count: HostileTrackingFile.entries).utf8) },
        HostileInput(
            "tracking: \(HostileTrackingFile.entries) sign-offs that disagree", acceptedBy: [.trackingFile],
            aimedAt: .trackingFile
        ) { Array(HostileTrackingFile.signOffs(count: HostileTrackingFile.entries).utf8) },
        HostileInput("tracking: one finding judged twice, far apart", aimedAt: .trackingFile) {
            let count = HostileTrackingFile.entries
            return Array(HostileTrackingFile.judgements(count: count, repeatedAt: count - 1).utf8)
        },
    ]
}

/// The generators of the hostile inputs, with the parameters the tests vary.
public enum Hostile {
    public static let depth = 100_000
    public static let scalarBytes = 64 << 20
    /// Which of the 50 000 extra components repeats the first one's id: near the end, so that the
    /// check has seen nearly all the ids before.
    public static let repeatedID = 49_990

    /// How many components the description that catalogs are reviewed with adds to the template:
    /// as many as the benchmark's large description has.
    public static let partnerComponents = 10_000

    /// The description every input read as a catalog is reviewed with (`review --checklist`): a
    /// catalog's work grows with the elements its checks meet.
    public static func catalogPartner() -> String { TemplateCorpus.withComponents(partnerComponents) }

    /// `levels` levels of `width` aliases to the level before.
    public static func billionLaughs(levels: Int = 10, width: Int = 10) -> [UInt8] {
        var text = "l0: &l0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]\n"
        for level in 1..<levels {
            text +=
                "l\(level): &l\(level) ["
                + Array(repeating: "*l\(level - 1)", count: width).joined(separator: ", ") + "]\n"
        }
        return Array(text.utf8)
    }

    /// A list of 6 000 items anchored, then aliased eight times: linear per alias, quadratic in
    /// total for a loader that copies what an alias names.
    public static func quadraticAliases() -> [UInt8] {
        let list = "[" + Array(repeating: "x", count: 6_000).joined(separator: ",") + "]"
        return Array("a: &a \(list)\nb: [*a, *a, *a, *a, *a, *a, *a, *a]\n".utf8)
    }

    /// `- - - … x` on one line.
    public static func blockSequences(depth: Int) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(depth * 2 + 2)
        for _ in 0..<depth { bytes += [UInt8(ascii: "-"), 0x20] }
        return bytes + [UInt8(ascii: "x"), 0x0A]
    }

    public static func flowSequences(depth: Int) -> [UInt8] {
        [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
    }

    public static func flowMappings(depth: Int) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(depth * 5 + 1)
        for _ in 0..<depth { bytes += Array("{a: ".utf8) }
        return bytes + [UInt8(ascii: "1")] + [UInt8](repeating: UInt8(ascii: "}"), count: depth)
    }

    /// Mappings nested by indentation, one more space a level (deeper would need gigabytes of spaces).
    public static func blockMappings(depth: Int) -> [UInt8] {
        var text = ""
        for level in 0..<depth { text += String(repeating: " ", count: level) + "k:\n" }
        return Array(text.utf8)
    }

    /// `key: xxx…` with a scalar of `bytes` bytes.
    public static func scalar(bytes count: Int) -> [UInt8] {
        var bytes = Array("key: ".utf8)
        bytes.reserveCapacity(count + 8)
        bytes.append(contentsOf: [UInt8](repeating: UInt8(ascii: "x"), count: count))
        bytes.append(0x0A)
        return bytes
    }

    /// The template with its pilot role (`/example/Role=pilot`) lengthened with `x`s to make the
    /// file `bytes` long: valid, and searched by the shipped catalog's `matches` pattern.
    public static func longPilotRole(bytes count: Int) -> [UInt8] {
        let role = "pilot_role: /example/Role=pilot"
        let template = FrameworkTemplate.text
        let padding = String(repeating: "x", count: count - template.utf8.count)
        return Array(template.replacing(role, with: role + padding, maxReplacements: 1).utf8)
    }

    /// `[0,0,…,0]` of at most `bytes` bytes: at the size limit, eight million nodes.
    public static func flowItems(bytes count: Int) -> [UInt8] { zeros(after: "", items: (count - 2) / 2) }

    /// `PREFIX[0,0,…,0]` and a line break, with `items` zeros.
    static func zeros(after prefix: String, items: Int) -> [UInt8] {
        var bytes = Array((prefix + "[").utf8)
        bytes.reserveCapacity(bytes.count + items * 2 + 2)
        for _ in 1..<items { bytes += [UInt8(ascii: "0"), UInt8(ascii: ",")] }
        return bytes + Array("0]\n".utf8)
    }

    /// `format: mupj/1` and an explicit key (`? kkk…`) filling the file to `bytes`: an unknown key,
    /// for which "did you mean" compares it with every field name.
    public static func longKey(bytes count: Int) -> [UInt8] {
        let head = Array("format: mupj/1\n? ".utf8)
        let tail = Array("\n: 1\n".utf8)
        return head + [UInt8](repeating: UInt8(ascii: "k"), count: count - head.count - tail.count) + tail
    }

    /// `components: [0, 0, …]`, with as many items as the node budget leaves room for: each one an
    /// error, of which the first 500 are reported.
    public static func wrongComponents() -> [UInt8] {
        zeros(after: "components: ", items: LoadLimits.default.maxNodes - 3)
    }

    /// The most pilots, each holding as many pilot proxies, that the default node budget admits
    /// with the template (`TemplateCorpus.densest`).
    public static let densestHolders: Int = {
        var holders = 0
        let room = LoadLimits.default.maxNodes - templateNodes
        while TemplateCorpus.densestExtraNodes(holders: holders + 1) <= room { holders += 1 }
        return holders
    }()

    /// The template's nodes (keys, values and items), which a test holds to the loader's count.
    public static let templateNodes = 251

    /// `k0: 0` … `k999999: 999999`.
    public static func millionKeys() -> [UInt8] { lines(1_000_000) { "k\($0): \($0)\n" } }

    /// `- 0` … `- 999999`.
    public static func millionItems() -> [UInt8] { lines(1_000_000) { "- \($0)\n" } }

    public static func lines(_ count: Int, _ line: (Int) -> String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 12)
        for i in 0..<count { bytes += Array(line(i).utf8) }
        return bytes
    }

    /// `caf` followed by a lead byte whose continuation is missing, on line 3.
    public static func invalidUTF8() -> [UInt8] {
        Array("format: mupj/1\nframework:\n  name: caf".utf8) + [0xC3, 0x28] + Array("\n".utf8)
    }

    /// A NUL byte 40 bytes into the template.
    public static func nulByte() -> [UInt8] {
        Array(FrameworkTemplate.text.utf8.prefix(40)) + [0] + Array("rest\n".utf8)
    }

    /// The template in UTF-16, with its byte-order mark.
    public static func utf16(littleEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in FrameworkTemplate.text.utf16 {
            let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            bytes += littleEndian ? pair : pair.reversed()
        }
        return bytes
    }

    /// The template after a UTF-8 byte-order mark: valid.
    public static func utf8ByteOrderMark() -> [UInt8] { [0xEF, 0xBB, 0xBF] + Array(FrameworkTemplate.text.utf8) }

    /// An alias, on line 3, inside the node its anchor names.
    public static func selfReferencingAnchor() -> [UInt8] { Array("format: mupj/1\nframework: &f\n  name: *f\n".utf8) }

    /// An alias, at 2:12, to an anchor never defined.
    public static func undefinedAlias() -> [UInt8] { Array("format: mupj/1\nframework: *nothing\n".utf8) }

    /// The template twice, the second after `---`.
    public static func twoDocuments() -> [UInt8] {
        Array((FrameworkTemplate.text + "---\n" + FrameworkTemplate.text).utf8)
    }

    /// The template with 50 000 more components, `extra-0` … `extra-49999`; with `duplicateAt`,
    /// that one repeats the id of the first; without `holds`, none says what it holds.
    public static func manyComponents(duplicateAt: Int? = nil, holds: Bool = true) -> [UInt8] {
        Array(TemplateCorpus.withComponents(50_000, prefix: "extra", duplicateAt: duplicateAt, holds: holds).utf8)
    }

    /// A catalog whose `matches` pattern makes a backtracking matcher take exponential time
    /// (`^(a+)+$`), with an example that triggers it: a name of `length` a's and a '!'. Swift's
    /// `Regex` took 0.9 s on 16 a's and 6 s on 18; `Pattern` searches it in linear time, so the
    /// catalog loads, its examples hold, and a review with it ends at once.
    public static func backtrackingCatalog(length: Int = 5_000) -> [UInt8] {
        catalog(
            id: "redos",
            checks: """
                      - id: name
                        title: The name is only a's.
                        require: {field: framework.name, matches: "^(a+)+$"}

                """,
            examples: """
                      - expect: satisfied
                        description: {framework: {name: aaaa}}
                      - expect: violated
                        description: {framework: {name: \(String(repeating: "a", count: length))!}}

                """)
    }

    /// A catalog of `checks` checks over the components. `selecting`: each requires the zone to
    /// be the worker node, a finding per component; otherwise each selects the components in the
    /// user's zone, and the template has none: no finding, a `where` tried on every component. Its
    /// examples hold, since a catalog's examples are run when it is loaded.
    public static func manyChecksCatalog(checks: Int, selecting: Bool) -> [UInt8] {
        let check =
            selecting
            ? "for_each: components, require: {field: zone, equals: worker-node}"
            : "for_each: components, where: {field: zone, equals: user}, require: {field: kind, equals: pilot}"
        let (satisfied, violated) =
            selecting
            ? ("{id: a, kind: pilot, zone: worker-node}", "{id: a, kind: pilot, zone: central}")
            : ("{id: a, kind: pilot, zone: user}", "{id: a, kind: monitoring, zone: user}")
        return catalog(
            id: "many-checks",
            checks: (0..<checks).map { "      - {id: c\($0), title: Check \($0)., \(check)}\n" }.joined(),
            examples: """
                      - expect: satisfied
                        description: {components: [\(satisfied)]}
                      - expect: violated
                        description: {components: [\(violated)]}

                """)
    }

    /// A catalog of one check over the components, whose `one_of` lists `literals` ids of 100
    /// bytes: every component is compared with each.
    public static func longOneOfCatalog(literals: Int) -> [UInt8] {
        let ids = (0..<literals).map { "v\($0)-" + String(repeating: "x", count: 96) }.joined(separator: ", ")
        return catalog(
            id: "long-one-of",
            checks:
                "      - {id: c0, title: Listed., for_each: components, require: {field: id, one_of: [a, \(ids)]}}\n",
            examples: """
                      - expect: satisfied
                        description: {components: [{id: a, kind: pilot, zone: user}]}
                      - expect: violated
                        description: {components: [{id: b, kind: pilot, zone: user}]}

                """)
    }

    /// A catalog whose checks after the first all require the first one's condition, by alias:
    /// five nodes each, so 2 000 checks take the whole default alias budget.
    public static func aliasedConditionsCatalog(checks: Int) -> [UInt8] {
        let first = "      - {id: c0, title: Check 0., require: &c {field: framework.name, equals: x}}\n"
        return catalog(
            id: "aliased-conditions",
            checks: first + (1..<checks).map { "      - {id: c\($0), title: Check \($0)., require: *c}\n" }.joined(),
            examples: """
                      - expect: satisfied
                        description: {framework: {name: x}}
                      - expect: violated
                        description: {framework: {name: y}}

                """)
    }

    /// A catalog of `checks` checks on the framework's name and `examples` examples, alternately
    /// satisfied and violated (each holds): loading it runs every check on every example.
    public static func manyExamplesCatalog(checks: Int, examples: Int) -> [UInt8] {
        catalog(
            id: "many-examples",
            checks: (0..<checks).map {
                "      - {id: c\($0), title: Check \($0)., require: {field: framework.name, equals: x}}\n"
            }.joined(),
            examples: (0..<examples).map {
                $0 % 2 == 0
                    ? "      - {expect: satisfied, description: {framework: {name: x}}}\n"
                    : "      - {expect: violated, description: {framework: {name: y}}}\n"
            }.joined())
    }

    /// A clause catalog of one clause, with these checks and examples (lists indented by six).
    public static func catalog(id: String, checks: String, examples: String) -> [UInt8] {
        Array(
            """
            catalog: \(id)
            title: A hostile catalog
            document: {title: T, reference: T-1, version: "1"}
            clauses:
              - id: R-1
                title: One clause
                paraphrase: One clause.
                subject: [framework]
                source: {document: T-1, version: "1", section: "1"}
                severity: low
                rationale: None.
                recommendation: None.
                checks:
            \(checks)    examples:
            \(examples)
            """.utf8)
    }

    /// The template with its `vo:` line indented by a tab.
    public static func tabIndentation() -> [UInt8] {
        Array(FrameworkTemplate.text.replacing("\n  vo: EXAMPLE", with: "\n\tvo: EXAMPLE").utf8)
    }
}
