import FrameworkModel
import PolicyCatalog
import ReviewRecords
import Testing
import YAMLDocument

/// Loads tracking text as a whole file named `t.yaml` (the format line is added).
func loadTracking(_ body: String) -> (file: TrackingFile?, diagnostics: [Diagnostic]) {
    TrackingFileLoader.load(SourceFile(path: "t.yaml", bytes: Array(("format: mupj-tracking/1\n" + body).utf8)))
}

/// The tracking format: what a reviewer writes, and every mistake named where it is.
@Suite struct TrackingFileTests {
    static let digest = String(repeating: "ab", count: 32)

    static let valid = """
        framework: PanDA
        vo: ATLAS
        judgements:
          - finding: 0123456789abcdef
            rule: MUPJ-8/private-directory
            status: violated
            judgement: accepted-risk
            justification: >-
              Sites run one payload per slot
              in 2008.
            by: {name: A. Reviewer, organisation: OSG}
            date: 2008-06-11
        sign_offs:
          - by: {name: B. Reviewer, organisation: EGEE}
            date: 2008-07-09
            recommendation: recommend-with-conditions
            description_sha256: \(digest)
            conditions:
              - Directories made private before the next release.
        """

    @Test func aValidFileLoadsEveryField() throws {
        let loaded = loadTracking(Self.valid)
        #expect(loaded.diagnostics.isEmpty)
        let file = try #require(loaded.file)
        #expect((file.framework, file.vo, file.path) == ("PanDA", "ATLAS", "t.yaml"))
        #expect(file.key == FrameworkKey(name: "panda", vo: "atlas"))
        let judgement = try #require(file.judgements.first)
        #expect(judgement.finding == "0123456789abcdef")
        #expect(judgement.rule == "MUPJ-8/private-directory")
        #expect(judgement.status == .violated)
        #expect(judgement.kind == .acceptedRisk)
        #expect(judgement.justification == "Sites run one payload per slot in 2008.")
        #expect(judgement.reviewer == Reviewer(name: "A. Reviewer", organisation: "OSG"))
        #expect(judgement.date.description == "2008-06-11")
        #expect(judgement.place == "t.yaml:5")
        let signOff = try #require(file.signOffs.first)
        #expect(signOff.reviewer.phrase == "B. Reviewer (EGEE)")
        #expect(signOff.recommendation == .recommendWithConditions)
        #expect(signOff.descriptionSHA256 == Self.digest)
        #expect(signOff.conditions == ["Directories made private before the next release."])
        #expect(signOff.location.line == 15)
    }

    /// Each mistake, the text that makes it, and the located error it gives (alone).
    static let mistakes: [(name: String, replace: String, with: String, error: String)] = [
        (
            "finding id not of the reports' form", "0123456789abcdef", "0123456789ABCDEF",
            "t.yaml:5:14: error: a finding id is 16 hexadecimal digits in lower case, as the reports give it; "
                + "found '0123456789ABCDEF'"
        ),
        (
            "rule without its check", "rule: MUPJ-8/private-directory", "rule: MUPJ-8",
            "t.yaml:6:11: error: a rule is CLAUSE/check, as the reports give it (e.g. MUPJ-8/private-directory); "
                + "found 'MUPJ-8'"
        ),
        (
            "status that is not open", "status: violated", "status: satisfied",
            "t.yaml:7:13: error: 'satisfied' is not allowed for 'status'; expected one of: violated, "
                + "needs-information"
        ),
        (
            "judgement word unknown", "judgement: accepted-risk", "judgement: waived",
            "t.yaml:8:16: error: 'waived' is not allowed for 'judgement'; expected one of: confirmed, "
                + "accepted-risk, mitigated, false-positive"
        ),
        (
            "empty justification", ">-\n      Sites run one payload per slot\n      in 2008.", "' '",
            "t.yaml:9:20: error: the justification is empty; say why, in your words"
        ),
        (
            "digest of another form", "description_sha256: \(digest)", "description_sha256: abc",
            "t.yaml:18:25: error: a SHA-256 is 64 hexadecimal digits in lower case, as the reports give it; found "
                + "'abc'"
        ),
        (
            "conditional recommendation without conditions",
            "\n    conditions:\n      - Directories made private before the next release.", "",
            "t.yaml:17:21: error: recommend-with-conditions needs its conditions: add a list under 'conditions'"
        ),
        (
            "conditions on a recommendation without them", "recommendation: recommend-with-conditions",
            "recommendation: recommend",
            "t.yaml:19:5: error: conditions go with recommend-with-conditions only; this sign-off says recommend"
        ),
        (
            "review incomplete signed", "recommendation: recommend-with-conditions",
            "recommendation: review-incomplete",
            "t.yaml:17:21: error: 'review-incomplete' is not allowed for 'recommendation'; expected one of: "
                + "recommend, recommend-with-conditions, do-not-recommend"
        ),
        (
            "reviewer of no known organisation", "organisation: EGEE", "organisation: CERN",
            "t.yaml:15:43: error: 'CERN' is not allowed for 'organisation'; expected one of: EGEE, OSG, VO, other"
        ),
    ]

    @Test(arguments: mistakes.indices)
    func eachMistakeIsNamedWhereItIs(index: Int) {
        let mistake = Self.mistakes[index]
        #expect(Self.valid.contains(mistake.replace), "\(mistake.name)")
        let loaded = loadTracking(Self.valid.replacingOccurrences(of: mistake.replace, with: mistake.with))
        #expect(loaded.file == nil, "\(mistake.name)")
        #expect(loaded.diagnostics.map(\.description) == [mistake.error], "\(mistake.name)")
    }

    @Test func aFindingIsJudgedOnce() {
        let entry = Self.valid.components(separatedBy: "sign_offs:")[0].components(separatedBy: "judgements:\n")[1]
        let loaded = loadTracking(Self.valid.replacingOccurrences(of: "judgements:\n", with: "judgements:\n" + entry))
        #expect(
            loaded.diagnostics.map(\.description) == [
                "t.yaml:14:14: error: duplicate judgement id '0123456789abcdef'; it was first defined at line 5, "
                    + "column 14"
            ])
    }

    @Test func aReviewerSignsAVersionOnce() {
        let entry = "  " + Self.valid.components(separatedBy: "sign_offs:\n  ")[1]
        let again = loadTracking(Self.valid + "\n" + entry)
        #expect(
            again.diagnostics.map(\.description) == [
                "t.yaml:21:5: error: B. Reviewer (EGEE) already signed this version of the description at line 15; "
                    + "keep one sign-off"
            ])
        // Another version of the description: a second signature, which the file keeps.
        let other = loadTracking(Self.valid + "\n" + entry.replacingOccurrences(of: "ab", with: "cd"))
        #expect(other.diagnostics.isEmpty)
        #expect(other.file?.signOffs.count == 2)
    }

    @Test func anotherFormatIsRefused() {
        let loaded = TrackingFileLoader.load(
            SourceFile(path: "t.yaml", bytes: Array("format: mupj-status/1\nframework: x\n".utf8)))
        #expect(loaded.file == nil)
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.message.contains("mupj-tracking/1") == true)
    }

    @Test func twoFilesForOneFrameworkAreRefused() throws {
        let first = try #require(loadTracking("framework: PanDA\nvo: ATLAS\n").file)
        var second = try #require(loadTracking("framework: panda\nvo: atlas\n").file)
        second.path = "u.yaml"
        let other = try #require(loadTracking("framework: DIRAC\nvo: LHCb\n").file)
        let (set, diagnostics) = TrackingSet.make([first, second, other])
        #expect(set.files.map(\.framework) == ["PanDA", "DIRAC"])
        #expect(
            diagnostics.map(\.description) == [
                "u.yaml:2:12: error: t.yaml already tracks the review of panda (atlas); keep one tracking file per "
                    + "framework"
            ])
    }
}
