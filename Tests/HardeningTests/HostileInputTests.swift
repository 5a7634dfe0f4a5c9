import Corpora
import DocumentSchema
import Foundation
import FrameworkModel
import PolicyCatalog
import ReviewEngine
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

/// Hostile inputs through the loader and the description loader: each ends with the right error
/// kind and a located, readable message, or loads correctly when it is valid and large.
@Suite struct AliasBombTests {
    /// Ten levels of ten aliases would expand to 10^10 nodes; the budget stops the fourth level.
    @Test func billionLaughs() throws {
        let bytes = Hostile.billionLaughs()
        let error = try #require(loaderError(bytes))
        #expect(error.kind == .aliasBudget)
        // l0 has 11 nodes, l1 111, l2 1 111: the eighth *l2 of l3 goes over 10 000.
        #expect(error.location.line == 4)
        #expect(error.location.column == 45)
        #expect(error.message.contains("more than 10000 nodes (an alias bomb?)"))
        #expect(error.message.contains("--max-alias-nodes"))

        let diagnostics = describe(bytes).diagnostics
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.located == true)
        #expect(
            diagnostics.first?.description.hasPrefix("hostile.yaml:4:45: error: aliases expand to more than") == true)
    }

    /// One large anchored list pasted many times: linear per alias, quadratic in total.
    @Test func quadraticBlowup() throws {
        let bytes = Hostile.quadraticAliases()
        let error = try #require(loaderError(bytes))
        #expect(error.kind == .aliasBudget)
        let lineTwo = bytes.firstIndex(of: 0x0A)! + 1
        #expect(error.location == SourceLocation(line: 2, column: 9, offset: lineTwo + 8))
    }

    /// A raised budget lets the same bomb's first levels load, and still stops the rest.
    @Test func raisedBudgetStillStops() throws {
        let error = try #require(loaderError(Hostile.billionLaughs(), limits: LoadLimits(maxAliasNodes: 2_000_000)))
        #expect(error.kind == .aliasBudget)
        #expect(error.location.line == 7)
    }

    /// With the budget at its maximum the counts never overflow: 25 levels (10^25 nodes) end
    /// with the budget error at level 18, where the expansion passes Int.max.
    @Test func unlimitedBudgetDoesNotOverflow() throws {
        let error = try #require(
            loaderError(Hostile.billionLaughs(levels: 25, width: 10), limits: LoadLimits(maxAliasNodes: .max)))
        #expect(error.kind == .aliasBudget)
        #expect(error.location.line == 19)
    }

    @Test func selfReferencingAnchor() throws {
        let bytes = Hostile.selfReferencingAnchor()
        let error = try #require(loaderError(bytes))
        #expect(error.kind == .recursiveAlias)
        #expect(error.location == SourceLocation(line: 3, column: 9, offset: 37))
        let diagnostic = try #require(describe(bytes).diagnostics.first)
        #expect(
            diagnostic.description
                == "hostile.yaml:3:9: error: alias *f refers to a node that contains it; recursive structures are "
                + "not allowed")
    }

    @Test func undefinedAlias() throws {
        let bytes = Hostile.undefinedAlias()
        let error = try #require(loaderError(bytes))
        #expect(error.kind == .undefinedAlias)
        #expect(
            describe(bytes).diagnostics.map(\.description) == [
                "hostile.yaml:2:12: error: alias *nothing refers to no anchor defined before it"
            ])
    }
}

@Suite struct NestingTests {
    static let depth = Hostile.depth

    @Test func blockSequences100000Deep() throws {
        let bytes = Hostile.blockSequences(depth: Self.depth)
        let error = try #require(loaderError(bytes))
        #expect(error.kind == .tooDeep)
        #expect(error.location == SourceLocation(line: 1, column: 129, offset: 128))
        #expect(error.message == "collections nest deeper than 64 levels (raise the limit with --max-depth)")
        #expect(describe(bytes).diagnostics.map(\.description) == ["hostile.yaml:1:129: error: \(error.message)"])
    }

    @Test func flowSequences100000Deep() throws {
        let bytes = Hostile.flowSequences(depth: Self.depth)
        let error = try #require(loaderError(bytes))
        #expect(error.kind == .tooDeep)
        #expect(error.location == SourceLocation(line: 1, column: 65, offset: 64))
    }

    @Test func flowMappings100000Deep() throws {
        let bytes = Hostile.flowMappings(depth: Self.depth)
        let error = try #require(loaderError(bytes))
        #expect(error.kind == .tooDeep)
        #expect(error.location.offset == 64 * 4)
    }

    /// Block mappings nested by indentation: 2 000 levels (deeper would need gigabytes of spaces).
    @Test func blockMappingsByIndentation() throws {
        let error = try #require(loaderError(Hostile.blockMappings(depth: 2_000)))
        #expect(error.kind == .tooDeep)
        #expect(error.location == SourceLocation(line: 65, column: 65, offset: (0..<64).reduce(0) { $0 + $1 + 3 } + 64))
    }

    @Test func raisedDepthLimitLoadsDeepNesting() throws {
        var node = try YAMLLoader.load(Hostile.flowSequences(depth: 5_000), limits: LoadLimits(maxDepth: 5_000))
        var levels = 1
        while let inner = node.items?.first {
            node = inner
            levels += 1
        }
        #expect(levels == 5_000)
    }
}

@Suite struct SizeTests {
    static let scalarBytes = Hostile.scalarBytes

    /// A 64 MiB scalar, generated here: over the default limit it is refused before parsing;
    /// with the limit raised it loads whole.
    @Test func sixtyFourMiBScalar() throws {
        let bytes = Hostile.scalar(bytes: Self.scalarBytes)
        let error = try #require(loaderError(bytes))
        #expect(error.kind == .tooLarge)
        #expect(
            error.message
                == "file is \(bytes.count) bytes, more than the limit of 16777216 bytes (raise it with --max-file-size)"
        )

        let node = try YAMLLoader.load(bytes, limits: LoadLimits(maxBytes: 80 << 20))
        #expect(node["key"]?.scalar?.text.utf8.count == Self.scalarBytes)
        #expect(node["key"]?.range.end.offset == bytes.count - 1)
    }

    /// The template with a 64 MiB summary is still a valid description once the limit is raised.
    @Test func validDescriptionWithSixtyFourMiBSummary() throws {
        let template = Array(FrameworkTemplate.text.utf8)
        let marker = Array("  summary: ".utf8)
        let at = try #require(
            (0...(template.count - marker.count)).first { template[$0..<($0 + marker.count)].elementsEqual(marker) })
        let lineEnd = template[at...].firstIndex(of: 0x0A)!
        var bytes = Array(template[..<(at + marker.count)])
        bytes.append(contentsOf: [UInt8](repeating: UInt8(ascii: "y"), count: Self.scalarBytes))
        bytes += template[lineEnd...]
        let outcome = describe(bytes, limits: LoadLimits(maxBytes: 80 << 20))
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.description?.name == "ExamplePilot")
    }

    /// A pilot role filling the file to the size limit: a valid description, whose role the
    /// shipped pattern is searched in within the default step limit (a step for every four bytes
    /// of it first), the hostile benchmark holding the search's memory to the file's.
    @Test func pilotRoleAtTheFileSizeLimit() throws {
        let bytes = Hostile.longPilotRole(bytes: LoadLimits.default.maxBytes)
        #expect(bytes.count == LoadLimits.default.maxBytes)
        let description = try #require(describe(bytes).description)
        let role = try #require(description.root.object?["ownership"]?.object?["pilot_role"]?.string)
        #expect(role.hasPrefix("/example/Role=pilotxxx") && role.utf8.count > 16_000_000)
        let review = try Engine.review(description, catalogs: try TestSupport.shippedCatalogs())
        let pilotRole = review.clauses.flatMap(\.findings).filter { $0.checkID == "pilot-role" }
        #expect(pilotRole.map(\.status) == [.satisfied])
    }

    /// The million-node inputs cross the default node budget; with it raised the loader reads
    /// them whole.
    static let millionNodes = LoadLimits(maxNodes: 3_000_000)

    @Test func millionKeys() throws {
        let bytes = Hostile.millionKeys()
        // By default: refused at the first node over the budget, the value of the 375 000th key.
        let refused = try #require(loaderError(bytes))
        #expect(refused.kind == .tooManyNodes)
        #expect(refused.location.line == 375_000)

        let root = try YAMLLoader.load(bytes, limits: Self.millionNodes)
        let pairs = try #require(root.pairs)
        #expect(pairs.count == 1_000_000)
        #expect(pairs[999_999].name == "k999999")
        #expect(pairs[999_999].key.start.line == 1_000_000)

        // A duplicate of the first key at the very end is found, and named.
        let duplicate = bytes + Array("k0: again\n".utf8)
        let error = try #require(loaderError(duplicate, limits: Self.millionNodes))
        #expect(error.kind == .duplicateKey)
        #expect(error.location == SourceLocation(line: 1_000_001, column: 1, offset: bytes.count))
        #expect(error.message == "duplicate key 'k0'; it was first defined at line 1, column 1")

        // As a description: unknown keys, reported up to the cap and then a note.
        let diagnostics = describe(bytes, limits: Self.millionNodes).diagnostics
        #expect(diagnostics.count == 501)
        #expect(diagnostics.prefix(500).allSatisfy { $0.severity == .error && $0.located })
        #expect(diagnostics.last?.message == "stopped after 500 errors; fix these and run again")
    }

    @Test func millionItemSequence() throws {
        let bytes = Hostile.millionItems()
        let refused = try #require(loaderError(bytes))
        #expect(refused.kind == .tooManyNodes)
        // Item 749 999, on line 750 000, would be the 750 001st node (the sequence is the first).
        let before = Hostile.lines(749_999) { "- \($0)\n" }.count
        #expect(refused.location == SourceLocation(line: 750_000, column: 3, offset: before + 2))
        let root = try YAMLLoader.load(bytes, limits: Self.millionNodes)
        let items = try #require(root.items)
        #expect(items.count == 1_000_000)
        #expect(items[999_999].resolved == .int(999_999))
        #expect(items[999_999].start == SourceLocation(line: 1_000_000, column: 3, offset: bytes.count - 7))
        #expect(
            describe(bytes, limits: Self.millionNodes).diagnostics.map(\.description) == [
                "hostile.yaml:1:1: error: expected a mapping (description), found a sequence"
            ])
    }

    /// Wrong references to a collection of 40 000 ids: each would be compared with all of them
    /// for a suggestion. The first get one, until `suggestionComparisons` is spent; the others are
    /// reported without.
    @Test func suggestionsForWrongReferencesAreBounded() throws {
        let bytes = Array(TemplateCorpus.withMisspeltReferences(components: 40_000, channels: 600).utf8)
        let diagnostics = describe(bytes).diagnostics
        #expect(diagnostics.count == 501)
        let wrong = diagnostics.filter { $0.message.hasPrefix("no component with id 'c-n") }
        #expect(wrong.count == 500)
        #expect(wrong.first?.message == "no component with id 'c-n0' is defined in components; did you mean 'c-0'?")
        // The template's two components and the 40 000: 40 002 ids per suggestion.
        let suggested = wrong.filter { $0.message.contains("did you mean") }
        #expect(suggested.count == SchemaValidator.suggestionComparisons / 40_002)
        #expect(wrong.prefix(suggested.count).allSatisfy { $0.message.contains("did you mean") })
    }

    /// 50 000 components generated from the template: a valid description, checked whole.
    @Test func descriptionWith50000Components() throws {
        let outcome = describe(Hostile.manyComponents())
        #expect(outcome.diagnostics.isEmpty)
        let description = try #require(outcome.description)
        let components = try #require(description.root.object?["components"]?.list)
        #expect(components.count == 50_002)
        #expect(components[49_999].object?.id == "extra-49999")
        #expect(components[50_001].object?.id == "pilot")
    }

    /// 50 000 components that do not say what they hold: each may hold every credential, and the
    /// review follows all of them for each credential's `held_by`, within the default limits. The
    /// template keeps every credential out of the payloads' reach, wherever it is held: every
    /// finding is what it is for the template alone.
    @Test func fiftyThousandPossibleHoldersAreFollowed() throws {
        let catalogs = try TestSupport.shippedCatalogs()
        let description = try #require(describe(Hostile.manyComponents(holds: false)).description)
        let review = try Engine.review(description, catalogs: catalogs)
        let template = try #require(describe(Array(FrameworkTemplate.text.utf8)).description)
        let alone = try Engine.review(template, catalogs: catalogs)
        #expect(review.findings.map(\.id) == alone.findings.map(\.id))
        #expect(review.findings.allSatisfy { $0.status == .satisfied })
        let proxy = try #require(
            review.findings.first {
                $0.ruleID == "MUPJ-8/user-proxies-private" && $0.subject == "credentials[payload-proxy]"
            })
        #expect(proxy.trace.contains { $0.phase == .where && $0.unlisted >= 49_900 })
    }

    /// The same with one id repeated near the end: one located error, naming the first.
    @Test func duplicateIdAmong50000Components() throws {
        let bytes = Hostile.manyComponents(duplicateAt: Hostile.repeatedID)
        let outcome = describe(bytes)
        #expect(outcome.description == nil)
        #expect(outcome.diagnostics.count == 1)
        let diagnostic = try #require(outcome.diagnostics.first)
        #expect(diagnostic.located)
        #expect(diagnostic.message.hasPrefix("duplicate component id 'extra-0'; it was first defined at line"))
        let text = String(decoding: bytes, as: UTF8.self)
        let firstLine =
            text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("  - id: extra-0") }! + 1
        #expect(diagnostic.message.hasSuffix("line \(firstLine), column 9"))
        #expect(diagnostic.location?.line == firstLine + TemplateCorpus.linesPerComponent * Hostile.repeatedID)
    }
}

@Suite struct EncodingTests {
    @Test func invalidUTF8() throws {
        let bytes = Hostile.invalidUTF8()
        let error = try #require(loaderError(bytes))
        #expect(error.kind == .encoding)
        #expect(error.location == SourceLocation(line: 3, column: 12, offset: 37))
        #expect(
            describe(bytes).diagnostics.map(\.description) == [
                "hostile.yaml:3:12: error: invalid UTF-8 (byte 0xC3); mupj reads UTF-8 text"
            ])
    }

    @Test func nulBytes() throws {
        let bytes = Hostile.nulByte()
        let error = try #require(loaderError(bytes))
        #expect(error.kind == .encoding)
        #expect(error.location.offset == 40)
        let diagnostic = try #require(describe(bytes).diagnostics.first)
        #expect(diagnostic.located)
        #expect(diagnostic.message.hasPrefix("NUL byte in the file"))
    }

    @Test func utf8ByteOrderMarkIsAccepted() throws {
        let outcome = describe(Hostile.utf8ByteOrderMark())
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.description?.name == "ExamplePilot")
    }

    @Test(arguments: [true, false])
    func utf16IsRejectedClearly(littleEndian: Bool) throws {
        let bytes = Hostile.utf16(littleEndian: littleEndian)
        let error = try #require(loaderError(bytes))
        #expect(error.kind == .encoding)
        #expect(error.location == .start)
        let diagnostic = try #require(describe(bytes).diagnostics.first)
        #expect(
            diagnostic.description
                == "hostile.yaml:1:1: error: the file is UTF-16 (it starts with a UTF-16 byte-order mark); "
                + "mupj reads UTF-8 text (convert it, e.g. with iconv -f UTF-16 -t UTF-8)")
    }

    @Test func tabsUsedAsIndentation() throws {
        let bytes = Hostile.tabIndentation()
        let text = String(decoding: bytes, as: UTF8.self)
        let error = try #require(loaderError(bytes))
        #expect(error.kind == .syntax)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("\tvo:") }!
        #expect(error.location.line == line + 1)
        #expect(error.message.contains("tab"))
        #expect(describe(bytes).diagnostics.first?.located == true)
    }
}

@Suite struct StructureTests {
    @Test func multipleDocuments() throws {
        let bytes = Hostile.twoDocuments()
        let error = try #require(loaderError(bytes))
        #expect(error.kind == .multipleDocuments)
        let line = FrameworkTemplate.text.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(error.location == SourceLocation(line: line, column: 1, offset: FrameworkTemplate.text.utf8.count))
        #expect(describe(bytes).diagnostics.first?.located == true)
    }

    @Test(arguments: ["", "\n\n  \n", "# nothing but a comment\n", "\u{FEFF}"])
    func emptyFiles(text: String) throws {
        let error = try #require(loaderError(Array(text.utf8)))
        #expect(error.kind == .noDocument)
        #expect(error.location == .start)
        let diagnostic = try #require(describe(Array(text.utf8)).diagnostics.first)
        #expect(diagnostic.description.hasPrefix("hostile.yaml:1:1: error: the file "))
    }

    @Test(arguments: [
        ("just a string\n", "the string 'just a string'"),
        ("42\n", "the integer 42"),
        ("~\n", "nothing (an empty value)"),
        ("- a\n- b\n", "a sequence"),
        ("[a, b]\n", "a sequence"),
    ])
    func rootThatIsNotAMapping(text: String, found: String) throws {
        #expect(loaderError(Array(text.utf8)) == nil)
        #expect(
            describe(Array(text.utf8)).diagnostics.map(\.description) == [
                "hostile.yaml:1:1: error: expected a mapping (description), found \(found)"
            ])
    }

    @Test func complexKeys() throws {
        for (text, kind) in [("? [a, b]\n: c\n", "a sequence"), ("{x: 1}: y\n", "a mapping")] {
            let error = try #require(loaderError(Array(text.utf8)))
            #expect(error.kind == .complexKey)
            #expect(error.message == "mapping keys must be scalars, not \(kind)")
            #expect(describe(Array(text.utf8)).diagnostics.first?.located == true)
        }
    }
}

/// Every input that `mupj bench --part hostile` times ends here as its entry in the list says,
/// read as the commands read it: as a description (and reviewed with the shipped catalogs), as a
/// catalog (and reviewed with `Hostile.catalogPartner`), as a status file and as a tracking file.
/// (The tracking file's join with a review only warns: TrackingFileHardeningTests.) A valid one loads,
/// and is reviewed within the default review limits, with no error; a refused one gives errors,
/// the first of them located. (The tests above check each one's exact error; the history's limit
/// is checked through the binary, in StatusFileHardeningTests.)
@Suite struct HostileListTests {
    static let partner = DescriptionLoader.load(
        SourceFile(path: "partner.yaml", bytes: Array(Hostile.catalogPartner().utf8)))

    /// The error of a review that passed a limit, which refuses the input as the commands do.
    static func refusal(_ review: () throws(ReviewLimitExceeded) -> Void) -> Diagnostic? {
        do {
            try review()
            return nil
        } catch {
            return error.diagnostic
        }
    }

    @Test(arguments: HostileInput.all.indices)
    func endsAsTheListSays(index: Int) throws {
        let input = HostileInput.all[index]
        let file = SourceFile(path: "hostile.yaml", bytes: input.bytes())
        let status = StatusFileLoader.load(file)
        let tracking = TrackingFileLoader.load(file)
        let partner = try #require(Self.partner.description, "\(Self.partner.diagnostics.prefix(3))")
        let shipped = try TestSupport.shippedCatalogs()
        var description = DescriptionLoader.load(file)
        if let loaded = description.description,
            let refusal = Self.refusal({ () throws(ReviewLimitExceeded) in
                _ = try Engine.review(loaded, catalogs: shipped)
            })
        {
            description.description = nil
            description.diagnostics.append(refusal)
        }
        var catalog = CatalogLoader.load(file)
        // A catalog whose examples do not hold is refused, as the commands refuse it.
        if let loaded = catalog.catalog, case let failures = ExampleCheck.failures(of: loaded), !failures.isEmpty {
            catalog.catalog = nil
            catalog.diagnostics += failures
        }
        // On its own, as `validate` reads it; then reviewed with a description, as `review` does.
        let alone = catalog
        if let loaded = catalog.catalog,
            let refusal = Self.refusal({ () throws(ReviewLimitExceeded) in
                _ = try Engine.review(partner, catalogs: CatalogSet(catalogs: [loaded]))
            })
        {
            catalog.catalog = nil
            catalog.diagnostics.append(refusal)
        }
        let readings: [(HostileInput.Reader, loaded: Bool, [Diagnostic])] = [
            (.description, description.description != nil, description.diagnostics),
            (.catalog, catalog.catalog != nil, catalog.diagnostics),
            (.catalogAlone, alone.catalog != nil, alone.diagnostics),
            (.statusFile, status.file != nil, status.diagnostics),
            (.trackingFile, tracking.file != nil, tracking.diagnostics),
        ]
        for (reader, loaded, diagnostics) in readings {
            let errors = diagnostics.filter { $0.severity == .error }
            // Readable: no message repeats megabytes of what the file holds (a key of 16 MiB did).
            let longest = diagnostics.map(\.message.utf8.count).max() ?? 0
            #expect(longest <= 1_000, "\(input.name) as \(reader): a message of \(longest) bytes")
            if input.acceptedBy.contains(reader) {
                #expect(loaded && errors.isEmpty, "\(input.name) as \(reader): \(errors.prefix(3))")
            } else {
                #expect(!loaded, "\(input.name) as \(reader)")
                let first = try #require(errors.first, "\(input.name) as \(reader)")
                #expect(first.located, "\(input.name) as \(reader): \(first)")
            }
        }
    }

    /// The densest description is the densest the default node budget admits: the loader's count
    /// is the generator's, within the budget, and one more pilot with its proxy would cross it.
    @Test func densestDescriptionFillsTheNodeBudget() throws {
        let template = try YAMLLoader.loadTable(Array(FrameworkTemplate.text.utf8))
        #expect(template.entries.count == Hostile.templateNodes)
        let holders = Hostile.densestHolders
        let densest = try YAMLLoader.loadTable(Array(TemplateCorpus.densest(holders: holders).utf8))
        #expect(densest.entries.count == Hostile.templateNodes + TemplateCorpus.densestExtraNodes(holders: holders))
        #expect(densest.entries.count <= LoadLimits.default.maxNodes)
        #expect(
            Hostile.templateNodes + TemplateCorpus.densestExtraNodes(holders: holders + 1) > LoadLimits.default.maxNodes
        )
    }

    /// The catalog of pasted conditions takes the whole default alias budget: one more check
    /// pasting its condition would pass it.
    @Test func pastedConditionsFillTheAliasBudget() throws {
        let full = CatalogLoader.load(
            SourceFile(path: "c.yaml", bytes: Hostile.aliasedConditionsCatalog(checks: 2_000)))
        let catalog = try #require(full.catalog, "\(full.diagnostics.prefix(3))")
        #expect(catalog.clauses.first?.checks.count == 2_000)
        // Its examples hold, as a catalog's must for it to be used.
        #expect(ExampleCheck.failures(of: catalog).isEmpty)
        let over = CatalogLoader.load(
            SourceFile(path: "c.yaml", bytes: Hostile.aliasedConditionsCatalog(checks: 2_002)))
        #expect(over.diagnostics.map(\.message).first?.hasPrefix("aliases expand to more than 10000 nodes") == true)
    }

    /// A catalog's examples are reviewed within the review limits together: one error at the
    /// example that passes them, and none after it; within them, they all run.
    @Test func aCatalogsExamplesShareTheReviewLimits() throws {
        let file = SourceFile(path: "c.yaml", bytes: Hostile.manyExamplesCatalog(checks: 100, examples: 40))
        let catalog = try #require(CatalogLoader.load(file).catalog)
        #expect(ExampleCheck.failures(of: catalog).isEmpty)
        // 100 findings an example: the 31st passes 3 000.
        let stopped = ExampleCheck.failures(of: catalog, limits: ReviewLimits(maxFindings: 3_000, maxSteps: .max))
        #expect(stopped.count == 1)
        let example = try #require(catalog.clauses.first?.examples[30])
        #expect(stopped.first?.location == example.range.start)
        #expect(
            stopped.first?.message
                == "the examples of catalog many-examples passed 3000 findings together, at example 31 of R-1 "
                + "(check 'c0'), and were stopped; raise the limit with --max-findings")
    }

    /// A finding cites a long source cut, as it quotes a long value; its id hashes a long name's
    /// digest, once, and still tells two names apart that differ only at their end.
    @Test func findingsCiteLongTextCut() throws {
        let text = TemplateCorpus.longSourceCitedBy(proxies: 10, sourceBytes: 5_000)
        let description = try #require(
            DescriptionLoader.load(SourceFile(path: "d.yaml", bytes: Array(text.utf8))).description)
        let review = try Engine.review(description, catalogs: try TestSupport.shippedCatalogs())
        let sources = review.clauses.flatMap(\.findings).flatMap(\.evidence).flatMap(\.sources)
        let cut = String(repeating: "s", count: 1_000) + "…"
        #expect(sources.filter { $0 == cut }.count >= 10)
        #expect(sources.allSatisfy { $0.utf8.count <= 1_000 + 3 })

        func ids(named name: String) throws -> [String] {
            let renamed = FrameworkTemplate.text.replacingOccurrences(of: "name: ExamplePilot", with: "name: " + name)
            let loaded = try #require(
                DescriptionLoader.load(SourceFile(path: "n.yaml", bytes: Array(renamed.utf8))).description)
            return try Engine.review(loaded, catalogs: try TestSupport.shippedCatalogs()).clauses.flatMap(\.findings)
                .map(\.id)
        }
        let long = String(repeating: "n", count: 300)
        let (a, b) = (try ids(named: long + "a"), try ids(named: long + "b"))
        #expect(a.count == b.count && Set(a).isDisjoint(with: b) && a.allSatisfy { $0.utf8.count == 16 })
    }

    /// The names are the benchmark's row labels: one row each.
    @Test func namesAreDistinct() {
        #expect(Set(HostileInput.all.map(\.name)).count == HostileInput.all.count)
    }
}
