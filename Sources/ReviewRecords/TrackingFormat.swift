import DocumentSchema
import PolicyCatalog

/// Format `mupj-tracking/1` of a tracking file: the review team's judgement on the findings of one
/// framework, and their sign-offs of its recommendation. Documented in docs/tracking.md.
///
/// A judgement names a finding by its id, which the engine derives from catalog, clause, check,
/// framework and subject, never from line numbers: it survives edits elsewhere in the
/// description. It also records the finding's status when judged, so that a finding that changes
/// (an open question that becomes a violation) is judged again rather than carried over.
public enum TrackingFormat {
    public static let identifier = "mupj-tracking/1"

    public enum Words {
        public static let judgements = Judgement.Kind.allCases.map(\.rawValue)
        /// Only open findings are judged.
        public static let judgedStatuses = [Status.violated, .needsInformation].map(\.rawValue)
        /// What a reviewer can sign: "review incomplete" is a state of the review, not a recommendation.
        public static let recommendations = [Verdict.recommend, .recommendWithConditions, .doNotRecommend].map(
            \.rawValue)
    }

    static let reviewer = ObjectShape(
        "reviewer", doc: "A member of the review team.", annotations: false,
        fields: [
            Field("name", .string, unknown: false, doc: "Name."),
            Field(
                "organisation", .enumeration(StatusFormat.Words.reviewerOrganisations), unknown: false,
                doc: "Whom the reviewer represents; the recommendation needs signatures from OSG and EGEE."),
        ])

    static let judgement = ObjectShape(
        "judgement", doc: "A reviewer's judgement on one open finding.", idField: "finding", annotations: false,
        fields: [
            Field(
                "finding", .string, unknown: false,
                doc: "The finding's id: 16 hexadecimal digits, as every report gives it."),
            Field(
                "rule", .string, unknown: false,
                doc: "The finding's clause and check, CLAUSE/check (e.g. MUPJ-8/private-directory), as the reports "
                    + "give it: says what the id stands for, and is checked against it."),
            Field(
                "status", .enumeration(Words.judgedStatuses), unknown: false,
                doc: "The finding's status when it was judged. When the status changes, the judgement lapses and the "
                    + "finding is open again."),
            Field(
                "judgement", .enumeration(Words.judgements), unknown: false,
                doc: "confirmed: the finding stands and counts in full; accepted-risk: the risk is accepted and "
                    + "becomes a condition of the recommendation; mitigated: the risk is handled outside what the "
                    + "description says; false-positive: the finding is wrong. The last two take it out of the verdict."
            ),
            Field("justification", .text, unknown: false, doc: "Why, in the reviewer's words."),
            Field("by", .object(reviewer), unknown: false, doc: "Who judged."),
            Field("date", .date, unknown: false, doc: "When."),
        ])

    static let signOff = ObjectShape(
        "sign-off", doc: "A reviewer's signature on the recommendation for one version of the description.",
        annotations: false,
        fields: [
            Field("by", .object(reviewer), unknown: false, doc: "Who signed."),
            Field("date", .date, unknown: false, doc: "When."),
            Field(
                "recommendation", .enumeration(Words.recommendations), unknown: false,
                doc: "The recommendation signed."),
            Field(
                "description_sha256", .string, unknown: false,
                doc: "SHA-256 of the description signed, as the reports give it: the sign-off holds for that version "
                    + "of the description only."),
            Field(
                "conditions", .list(.text, minCount: 1), required: false, unknown: false,
                doc: "The conditions of a recommend-with-conditions, in the reviewer's words; required with it, "
                    + "refused with the other recommendations."),
        ])

    public static let root = ObjectShape(
        "tracking file", doc: "The review team's judgements on the findings of one framework, and their sign-offs.",
        annotations: false,
        fields: [
            Field("format", .constant(identifier), unknown: false, doc: "Always \(identifier)."),
            Field("framework", .string, unknown: false, doc: "Framework name, as in its description."),
            Field("vo", .string, unknown: false, doc: "The VO that runs it, as in its description."),
            Field(
                "judgements", .list(.object(judgement), minCount: 0), required: false, unknown: false,
                doc: "One judgement per finding; edit an entry to change your mind (version control keeps the history)."
            ),
            Field(
                "sign_offs", .list(.object(signOff), minCount: 0), required: false, unknown: false,
                doc: "Signatures on the recommendation; one per reviewer and version of the description."),
        ])
}
