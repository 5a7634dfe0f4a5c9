import DocumentSchema
import PolicyCatalog
import TestSupport
import Testing
import YAMLDocument

/// A one-clause catalog; each test breaks one thing in it.
private let catalog = """
    catalog: test
    title: Test catalog
    document: {title: Test, reference: T-1, version: "1"}
    clauses:
      - id: T-1
        title: gLExec is used
        paraphrase: Payloads run through gLExec.
        subject: [framework]
        source: {document: T-1, version: "1", section: "1"}
        severity: high
        rationale: Because.
        recommendation: Use gLExec.
        checks:
          - id: glexec
            title: gLExec is used.
            require: {field: payload_execution.identity_switching.mechanism, equals: glexec}
        examples:
          - expect: satisfied
            description:
              payload_execution: {identity_switching: {mechanism: glexec}}
          - expect: violated
            description:
              payload_execution: {identity_switching: {mechanism: none}}

    """

private func load(_ text: String) -> CatalogLoader.Outcome {
    CatalogLoader.load(SourceFile(path: "c.yaml", bytes: Array(text.utf8)))
}

private func errors(replacing old: String, with new: String) -> [String] {
    let text = catalog.replacingOccurrences(of: old, with: new)
    #expect(text != catalog, "the catalog does not contain \(old)")
    return load(text).diagnostics.map(\.description)
}

/// The test catalog's one condition, to replace.
private let glexecTest = "{field: payload_execution.identity_switching.mechanism, equals: glexec}"

/// The check of the test catalog with `condition` in place of its own, loaded.
private func check(with condition: String) throws -> Check {
    let outcome = load(catalog.replacingOccurrences(of: glexecTest, with: condition))
    return try #require(outcome.catalog?.clauses.first?.checks.first, "\(outcome.diagnostics)")
}

@Suite struct CatalogLoaderTests {
    @Test func loadsAValidCatalog() throws {
        let outcome = load(catalog)
        #expect(outcome.diagnostics.isEmpty)
        let loaded = try #require(outcome.catalog)
        #expect(loaded.clauses.map(\.id) == ["T-1"])
        #expect(loaded.clauses[0].examples.map(\.expect) == [.satisfied, .violated])
        #expect(
            loaded.clauses[0].checks[0].require.words == "`payload_execution.identity_switching.mechanism` is glexec")
    }

    @Test func unknownFieldInAPathIsLocatedWithASuggestion() {
        let found = errors(
            replacing: "identity_switching.mechanism, equals", with: "identity_switching.mechanizm, equals")
        #expect(
            found == [
                "c.yaml:16:26: error: unknown field in path 'payload_execution.identity_switching.mechanizm': "
                    + "'mechanizm' is not a field of identity switching; did you mean 'mechanism'? (fields: mechanism, "
                    + "mode, used_at, credential, on_exit_code, retries_at_site_after_refusal)"
            ])
    }

    /// A condition anchored in one check and used in another through an alias: right in the
    /// first, wrong for the elements of the second. The error names both places.
    @Test func aConditionReachedThroughAnAliasNamesIt() {
        let found = errors(
            replacing: "require: \(glexecTest)",
            with: "require: &c \(glexecTest)\n      - id: per-channel\n        title: Each channel.\n"
                + "        for_each: channels\n        require: *c")
        #expect(
            found == [
                "c.yaml:16:29: error: unknown field in path 'payload_execution.identity_switching.mechanism': "
                    + "'payload_execution' is not a field of channel (fields: id, from, to, protocol, authentication, "
                    + "encrypted, integrity_protected, carries) (reached through the alias at line 20, column 18)"
            ])
    }

    @Test func valueOutsideTheFieldsEnumeration() {
        let found = errors(replacing: "mechanism, equals: glexec}", with: "mechanism, equals: glexc}")
        #expect(
            found == [
                "c.yaml:16:82: error: 'glexc' is not a value 'payload_execution.identity_switching.mechanism' can take; expected one of: glexec, other, none; did you mean 'glexec'?"
            ])
    }

    @Test func containsNeedsAList() {
        let found = errors(replacing: "mechanism, equals: glexec}", with: "mechanism, contains: glexec}")
        #expect(found.first?.contains("'contains' needs a list") == true)
    }

    @Test func equalsOnAListAsksForContains() {
        let found = errors(
            replacing: glexecTest,
            with: "{field: traceability.recorded_fields, equals: site}")
        #expect(found.first?.contains("is a list; use contains") == true)
    }

    @Test func numericTestOnText() {
        let found = errors(replacing: "mechanism, equals: glexec}", with: "mechanism, at_least: 3}")
        #expect(found.first?.contains("'at_least' compares numbers") == true)
    }

    @Test func unknownTestKeyword() {
        let found = errors(replacing: "mechanism, equals: glexec}", with: "mechanism, equal: glexec}")
        #expect(found.first?.contains("did you mean 'equals'?") == true)
    }

    /// A pattern outside the language is refused where it is written, with the character and the
    /// reason (PatternTests has every reason).
    @Test func patternOutsideTheLanguage() {
        #expect(
            errors(replacing: glexecTest, with: "{field: ownership.pilot_role, matches: [a]}")
                == ["c.yaml:16:57: error: 'matches' takes a pattern (docs/check-language.md), as a string"])
        #expect(
            patternErrors("([")
                == [
                    "c.yaml:16:57: error: 'matches' pattern refused at character 2: the class opened here is not closed"
                ])
        #expect(
            patternErrors("(?<=ab)c") == [
                "c.yaml:16:57: error: 'matches' pattern refused at character 1: '(?' opens only (?:…), (?<name>…), "
                    + "(?=…) and (?!…) here (no lookbehind, option or atomic group)"
            ])
    }

    /// A catalog takes no `unknown`: its messages do not suggest writing it; null is named.
    @Test func nullIsNamedAndUnknownIsNotSuggested() {
        let empty = errors(replacing: "severity: high", with: "severity:")
        #expect(empty.count == 1)
        #expect(empty.first?.contains("write unknown") == false, "\(empty)")
        let null = errors(
            replacing: glexecTest,
            with: "{field: payload_execution.identity_switching.mechanism, equals: null}")
        #expect(
            null.first?.hasSuffix(
                "error: expected a value to compare 'payload_execution.identity_switching.mechanism' with, found null")
                == true, "\(null)")
    }

    /// Patterns that make a backtracking matcher take exponential or polynomial time, refused
    /// before patterns were searched in linear time, are accepted: PatternTests searches them.
    @Test(arguments: [
        "/Role=(?!NULL)[A-Za-z0-9_-]+", "^0[0-7]00$", "^(a+)+$", "(a|aa)*", #"(\w+\s?)*$"#, "(.*a){3}", "((ab)*c)+",
        "(a*)*", "(?<name>a+)+", "(a?){25}a{25}", "a*a*b", ".*.*x", "a?b?c?d?e?f?g?h?i?", "a?b?c?x+", "[(a+)+]",
        #"\(a+\)"#, "x{,1}(y+)", String(repeating: "(", count: 16) + "a" + String(repeating: ")", count: 16),
    ])
    func backtrackingPatternsAreAccepted(pattern: String) {
        let found = patternErrors(pattern)
        #expect(found.isEmpty, "\(pattern): \(found)")
    }

    /// What stays bounded is the nesting and the compiled length.
    @Test(arguments: [
        (String(repeating: "[", count: 3000), 2, "a '[' in a class (a nested class or a POSIX name)"),
        (String(repeating: "(", count: 2000) + String(repeating: ")", count: 2000), 17, "groups and classes nest more"),
        ("(a{1000}){1000}", 1, "it compiles to more than 10000 instructions"),
        ("(?x)(a+) +$", 1, "'(?' opens only"),
    ])
    func oversizedPatternsAreRefused(pattern: String, character: Int, reason: String) {
        let found = patternErrors(pattern)
        #expect(found.count == 1)
        #expect(
            found.first?.hasPrefix(
                "c.yaml:16:57: error: 'matches' pattern refused at character \(character): \(reason)")
                == true, "\(found)")
    }

    func patternErrors(_ pattern: String) -> [String] {
        errors(
            replacing: glexecTest,
            with: "{field: ownership.pilot_role, matches: '\(pattern)'}")
    }

    /// Numbers beyond an `Int` are shown as written in floating point; `Int(1e19)` trapped while the
    /// condition was put in words, at load.
    @Test func hugeNumbersLoadAndAreWorded() throws {
        for (literal, words) in [
            ("1e19", "1e+19"), ("-1.0e19", "-1e+19"), ("9223372036854775807", "9.223372036854776e+18"),
        ] {
            let loaded = try check(with: "{field: traceability.retention_days, at_most: \(literal)}")
            #expect(loaded.require.words == "`traceability.retention_days` is at most \(words)")
        }
    }

    /// A list's words name 20 literals and count the rest, and a long literal or pattern is cut
    /// as values are: every finding's message quotes its test, and a `one_of` of 1 000 ids of 100
    /// bytes on 10 000 components made 1 GB of messages in 10.7 s.
    @Test func longListsAndLiteralsAreWordedShort() throws {
        let ids = (0..<1_000).map { "v\($0)" }
        let list = try check(with: "{field: framework.name, one_of: [\(ids.joined(separator: ", "))]}")
        let named = ids.prefix(FieldTest.listedLiterals).joined(separator: ", ")
        #expect(list.require.words == "`framework.name` is one of \(named) and 980 more")
        #expect(list.require.words(negated: true).hasPrefix("`framework.name` is not one of v0, v1, v2,"))
        let long = String(repeating: "x", count: 5_000)
        let cut = String(long.prefix(Value.displayLimit)) + "…"
        #expect(
            try check(with: "{field: framework.name, equals: \(long)}").require.words == "`framework.name` is \(cut)")
        #expect(
            try check(with: "{field: framework.name, matches: \(long)}").require.words
                == "`framework.name` matches the pattern `\(cut)`")
        // The list stops once its words hold 1 000 bytes.
        let wide = try check(with: "{field: framework.name, one_of: [\(long), \(long), short]}")
        #expect(wide.require.words == "`framework.name` is one of \(cut) and 2 more")
    }

    /// A catalog's condition errors stop at 500 with the note, as its shape errors do: 62 000
    /// checks with a misspelt path gave 62 001 errors in 2.15 s.
    @Test func conditionErrorsStopAfter500() {
        let checks = (0..<600).map { "      - {id: c\($0), title: C., require: {field: framework.nmae, equals: x}}\n" }
        let found = errors(replacing: "    checks:\n", with: "    checks:\n" + checks.joined())
        #expect(found.count == 501)
        #expect(found.dropLast().allSatisfy { $0.contains(": error: ") && $0.contains("nmae") })
        #expect(found.last == "c.yaml: note: stopped after 500 errors; fix these and run again")
    }

    @Test func whereNeedsForEach() {
        let found = errors(
            replacing: "        require: {field: payload_execution",
            with: "        where: {field: format, equals: mupj/1}\n        require: {field: payload_execution")
        #expect(
            found == ["c.yaml:16:16: error: 'where' filters the elements of for_each; add for_each or remove where"])
    }

    @Test func clauseNeedsSatisfiedAndViolatedExamples() {
        let found = errors(replacing: "      - expect: violated\n", with: "      - expect: needs-information\n")
        #expect(found.first?.contains("clause T-1 has no example that is violated") == true)
        #expect(
            load(
                catalog.replacingOccurrences(
                    of: "      - expect: violated\n", with: "      - expect: needs-information\n")
            ).catalog == nil)
    }

    @Test func examplesAreValidatedAsDescriptions() {
        let found = errors(replacing: "{mechanism: none}", with: "{mechanism: nothing}")
        #expect(
            found.contains(
                "c.yaml:23:63: error: in an example: 'nothing' is not allowed for 'mechanism'; expected one of: glexec, "
                    + "other, none"))
    }

    @Test func catalogKeysAreStrict() {
        let found = errors(replacing: "    severity: high\n", with: "    severity: hihg\n")
        #expect(found.first?.contains("did you mean 'high'?") == true)
    }

    @Test func clauseIDsAreUniqueAcrossCatalogs() {
        let a = SourceFile(path: "a.yaml", bytes: Array(catalog.utf8))
        let b = SourceFile(
            path: "b.yaml", bytes: Array(catalog.replacingOccurrences(of: "catalog: test", with: "catalog: other").utf8)
        )
        let (set, diagnostics) = CatalogSet.load([a, b])
        #expect(set == nil)
        #expect(
            diagnostics.map(\.description) == [
                "b.yaml:5:5: error: clause id T-1 is already defined in a.yaml at line 5"
            ])
    }

    /// Without regard to case, as `explain` finds clauses and as report anchors are made; catalog
    /// ids too.
    @Test func idsDifferingOnlyInCaseCollide() {
        let a = SourceFile(path: "a.yaml", bytes: Array(catalog.utf8))
        let b = SourceFile(
            path: "b.yaml",
            bytes: Array(
                catalog.replacingOccurrences(of: "catalog: test", with: "catalog: TEST")
                    .replacingOccurrences(of: "  - id: T-1", with: "  - id: t-1").utf8))
        let (set, diagnostics) = CatalogSet.load([a, b])
        #expect(set == nil)
        #expect(
            diagnostics.map(\.description) == [
                "b.yaml:1:1: error: catalog id TEST is already defined (as test) in a.yaml at line 1",
                "b.yaml:5:5: error: clause id t-1 is already defined (as T-1) in a.yaml at line 5",
            ])
    }

    /// Ids become anchors, SARIF rule ids (`clause/check`) and terminal text.
    @Test(arguments: [
        ("glexec/used", "may hold only letters, digits, '.', '_' and '-'"),
        ("a b", "may hold only letters, digits, '.', '_' and '-'"),
        ("\\u001b[31m", "may hold only letters, digits, '.', '_' and '-'"),
        ("-x", "must start with a letter or a digit"),
        (String(repeating: "x", count: 65), "is longer than 64 characters"),
    ])
    func checkIdsAreIdentifiers(id: String, problem: String) {
        let found = errors(replacing: "      - id: glexec\n", with: "      - id: \"\(id)\"\n")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("c.yaml:14:13: error: check id ") == true, "\(found)")
        #expect(found.first?.hasSuffix(problem) == true, "\(found)")
    }

    /// Field names joined by single dots: an empty name was dropped, and `.` named the whole
    /// description, on which `exists: true` always held.
    @Test(arguments: ["a..b", ".framework.name", "framework.name.", ".", "$.", "$..framework"])
    func pathsWithAnEmptyNameAreRefused(path: String) {
        #expect(
            errors(
                replacing: glexecTest,
                with: "{field: '\(path)', exists: true}")
                == [
                    "c.yaml:16:26: error: 'field' path '\(path)' has an empty name; write field names joined by "
                        + "single dots, such as payload_execution.environment_cleaned"
                ])
    }

    /// A combination under `not` keeps its parentheses: "not (A and B) and C" read as "A is not …
    /// or B is not … and C", which says something else.
    @Test func negatedCombinationsAreParenthesised() throws {
        let condition =
            "{all: [{not: {all: [{field: framework.name, equals: Other}, {field: framework.vo, equals: EXAMPLE}]}}, "
            + "{field: framework.summary, equals: nothing}]}"
        #expect(
            try check(with: condition).require.words
                == "(`framework.name` is not Other or `framework.vo` is not EXAMPLE) and `framework.summary` is nothing"
        )
    }

    /// A value the field can never hold made a check that always fails; it is refused where it is
    /// written, and a string where a boolean is wanted is named as text.
    @Test(arguments: [
        (
            "framework.described_on", "equals: yesterday",
            "'framework.described_on' is a date (YYYY-MM-DD); it can never be 'yesterday'"
        ),
        (
            "framework.described_on", "equals: \"2009-02-30\"",
            "'framework.described_on' is a date (YYYY-MM-DD); it can never be '2009-02-30'"
        ),
        (
            "payload_execution.work_directory.mode", "equals: banana",
            "'payload_execution.work_directory.mode' is a quoted octal file mode such as \"0600\"; it can never be 'banana'"
        ),
        (
            "traceability.retention_days", "equals: 90.5",
            "'traceability.retention_days' is an integer of at least 0; it can never be 90.5"
        ),
        (
            "payload_execution.environment_cleaned", "equals: \"true\"",
            "'payload_execution.environment_cleaned' is true or false; it cannot equal the text 'true'"
        ),
    ])
    func valuesAFieldCanNeverHoldAreRefused(field: String, test: String, message: String) {
        let found = errors(
            replacing: glexecTest,
            with: "{field: \(field), \(test)}")
        #expect(found.count == 1 && found.first?.hasSuffix("error: " + message) == true, "\(found)")
    }

    /// A mode is compared as descriptions' modes are read: "600" is "0600".
    @Test func fileModesAreComparedAsRead() throws {
        let loaded = try check(with: "{field: payload_execution.work_directory.mode, equals: \"700\"}")
        #expect(loaded.require.words == "`payload_execution.work_directory.mode` is 0700")
    }

    /// What a catalog wrote is quoted short in messages: a key of 100 KB was quoted whole (as an
    /// explicit key; a plain one is at most 1 024 characters).
    @Test func longKeysAreQuotedShort() {
        let key = String(repeating: "k", count: 1_000)
        let found = errors(replacing: glexecTest, with: "{field: format, exists: true, \(key): 1}")
        #expect(found.count == 1)
        #expect(found.first.map { $0.utf8.count < 300 } == true)
        #expect(found.first?.hasSuffix("found 'exists', '\(String(repeating: "k", count: 40))…'") == true, "\(found)")
    }

    /// The parser, the evaluator and the explanations recurse on a condition: whatever the file's
    /// nesting limit is raised to (100 000 nested `not`s overflowed the stack), conditions nest at
    /// most 64 deep.
    @Test func conditionsNestAtMost64Deep() {
        func nested(_ depth: Int) -> String {
            let text = catalog.replacingOccurrences(
                of: glexecTest,
                with: String(repeating: "{not: ", count: depth) + "{field: format, exists: true}"
                    + String(repeating: "}", count: depth))
            var limits = LoadLimits.default
            limits.maxDepth = 100_000
            return CatalogLoader.load(SourceFile(path: "c.yaml", bytes: Array(text.utf8)), limits: limits)
                .diagnostics.map(\.description).joined(separator: "\n")
        }
        #expect(nested(64).isEmpty)
        #expect(nested(65).hasSuffix("error: conditions nest more than 64 deep here; a check needs far fewer"))
        #expect(nested(20_000).hasSuffix("error: conditions nest more than 64 deep here; a check needs far fewer"))
    }

    @Test func relationshipsThroughReferencesAndDerivedFields() {
        let text = catalog.replacingOccurrences(
            of: glexecTest,
            with: "{field: payload_execution.identity_switching.credential.held_by.zone, contains: worker-node}")
        #expect(load(text).diagnostics.map(\.description) == [])
    }

    @Test func shippedCatalogsLoadCleanly() throws {
        let set = try TestSupport.shippedCatalogs()
        let ids = set.catalogs.flatMap { $0.clauses.map(\.id) }
        #expect(ids.filter { $0.hasPrefix("MUPJ-") }.count == 10)
        #expect(ids.contains("VO-4"))
        for clause in set.catalogs.flatMap(\.clauses) {
            #expect(clause.examples.contains { $0.expect == .satisfied }, "\(clause.id)")
            #expect(clause.examples.contains { $0.expect == .violated }, "\(clause.id)")
        }
    }
}
