import ArgumentParser
import Reports
import ReviewRecords

/// What a reviewer can sign: "review incomplete" is a state of the review, not a recommendation.
enum Recommendation: String, ExpressibleByArgument, CaseIterable {
    case recommend
    case recommendWithConditions = "recommend-with-conditions"
    case doNotRecommend = "do-not-recommend"

    /// A switch, not a look-up by raw value, which trapped had the two enums' words ever differed;
    /// a case added here must be mapped to compile.
    var verdict: Verdict {
        switch self {
        case .recommend: return .recommend
        case .recommendWithConditions: return .recommendWithConditions
        case .doNotRecommend: return .doNotRecommend
        }
    }
}

struct SignOffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign-off",
        abstract: "Sign the recommendation on a framework, for the description as it is now.",
        discussion: """
            The sign-off records the SHA-256 of the description: it holds for that version only, and \
            an edited description needs signing again. The verdict becomes the review team's \
            recommendation when every open finding is judged (mupj judge) and reviewers from both OSG \
            and EGEE have signed the same verdict, no more favourable than the judged findings support \
            (a review left incomplete by open questions is closed by answering them, or by signing \
            do-not-recommend). After signing, the verdict as it now stands is printed, with what it still lacks, \
            and the file's judgements that no longer apply are named on standard error.

            Example, on the fictional framework of the examples:
              F=frameworks/examples/common-mistakes.yaml
              mupj sign-off --framework $F --recommend recommend-with-conditions \\
                --condition "Private payload directories by the next release." \\
                --by "B. Reviewer" --organisation EGEE

            \(TrackingWrite.turns)

            Exit codes: 0 recorded; 1 an invalid description or tracking file; 2 a second signature by \
            the same reviewer on the same version, another command writing in the directory longer than --wait, \
            unreadable input or a usage error.
            """
    )

    @OptionGroup var target: TrackedFrameworkOptions

    @Option(help: "The recommendation signed.")
    var recommend: Recommendation

    @Option(
        name: .customLong("condition"),
        help: ArgumentHelp(
            "A condition of recommend-with-conditions (repeatable; required with it).", valueName: "text"))
    var conditions: [String] = []

    @OptionGroup var reviewer: ReviewerOptions

    @OptionGroup var catalogs: CatalogOptions

    @OptionGroup var limits: LimitOptions

    @OptionGroup var reviewLimits: ReviewLimitOptions

    func validate() throws {
        if recommend == .recommendWithConditions && conditions.isEmpty {
            throw ValidationError("recommend-with-conditions needs its conditions: give --condition")
        }
        if recommend != .recommendWithConditions && !conditions.isEmpty {
            throw ValidationError("--condition goes with --recommend recommend-with-conditions only")
        }
        if conditions.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw ValidationError("a --condition is empty; say what the condition is")
        }
    }

    func run() throws {
        let write = try TrackingWrite(
            target, catalogs: catalogs, limits: limits.limits, reviewLimits: reviewLimits.limits)
        let signer = reviewer.reviewer
        let recommendation = recommend.verdict
        let signOff = SignOff(
            reviewer: signer, date: try reviewer.day(), recommendation: recommendation,
            descriptionSHA256: write.review.sha256, conditions: conditions, file: write.path, location: .start)
        if let earlier = write.file?.signOffs.first(where: { $0.signer == signOff.signer }) {
            throw write.refusal(
                earlier.location,
                "\(signer.phrase) already signed this version of the description (\(earlier.recommendation.phrase)); "
                    + "edit this entry to change it")
        }
        let file = try write.add([TrackingFileEdit.lines(signOff)], to: "sign_offs") { file in
            file.signOffs.last.map {
                ($0.reviewer, $0.recommendation, $0.descriptionSHA256) == (signer, recommendation, write.review.sha256)
            } ?? false
        }
        Terminal.standardOutput.write(
            Escape.terminal("signed \(recommendation.phrase) as \(signer.phrase)") + "\n" + write.verdict(with: file))
    }
}
