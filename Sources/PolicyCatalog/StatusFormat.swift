import DocumentSchema

/// Format `mupj-status/1` of the status file (reviews/prerequisites.yaml): dated evidence entries,
/// each citing its source. Documented in docs/prerequisites.md.
public enum StatusFormat {
    public static let identifier = "mupj-status/1"

    public enum Words {
        public static let organisations = ["EGEE", "OSG"]
        public static let reviewerOrganisations = ["EGEE", "OSG", "VO", "other"]
        public static let reviewOutcomes = ["positive", "negative", "pending"]
        public static let batchSystems = ["BQS", "PBS", "PBS Pro", "Condor", "LSF", "SGE"]
        public static let testResults = ["pass", "fail", "in-progress", "planned"]
        public static let products = ["LCAS/LCMAPS", "SCAS", "Argus", "GUMS"]
        public static let serviceStates = ["in-development", "completed", "certified", "deployed"]
        /// The states PRE-4 asks for, in the order they must be reached.
        public static let requiredServiceStates = ["completed", "certified", "deployed"]
        public static let deploymentStates = ["not-started", "in-progress", "done"]
        public static let suspensions = [
            "identity-switching", "individual-user-banning", "fine-grained-traceability", "site-approval",
        ]
        public static let verdicts = [
            "recommend", "recommend-with-conditions", "do-not-recommend", "review-incomplete",
        ]
    }

    static let glexecReview = ObjectShape(
        "gLExec review", doc: "A security review of gLExec by the security team of a grid infrastructure.",
        fields: [
            Field("by", .enumeration(Words.organisations), unknown: false, doc: "Whose security team reviewed."),
            Field("outcome", .enumeration(Words.reviewOutcomes), unknown: false, doc: "Outcome of the review."),
            inferred,
            Field("date", .date, unknown: false, doc: "Date of the outcome."),
            Field("reference", .text, doc: "The review document or the meeting it was reported at."),
        ])

    /// Where a source says less than an entry (a review done, not how it came out; tests done, not
    /// with which systems), what the entry says is the describer's reading, and every report must
    /// say so rather than state it as fact.
    static let inferred = Field(
        "inferred", .boolean, required: false, unknown: false,
        doc: "true when no source states what the entry says (its outcome, result or state) and it is inferred "
            + "(the notes say from what); reports then call it inferred. Default false.")

    static let batchSystemTest = ObjectShape(
        "batch-system test", doc: "An integration test of gLExec with a batch system.",
        fields: [
            Field("batch_system", .enumeration(Words.batchSystems), unknown: false, doc: "The batch system tested."),
            Field("site", .string, doc: "Where it was tested, or, for a planned test, who is to test it."),
            Field("date", .date, unknown: false, doc: "Date of the result."),
            Field(
                "result", .enumeration(Words.testResults), unknown: false,
                doc: "Result of the test; planned: a tester is named, and no source says the test has started."),
            inferred,
        ])

    static let authorizationService = ObjectShape(
        "authorization-service state",
        doc: "A state reached by the server version of LCAS/LCMAPS (SCAS, Argus) or its OSG counterpart (GUMS).",
        fields: [
            Field("product", .enumeration(Words.products), unknown: false, doc: "The service."),
            Field("state", .enumeration(Words.serviceStates), unknown: false, doc: "The state reached."),
            Field("date", .date, unknown: false, doc: "Date it was reached (or first reported)."),
            inferred,
        ])

    static let glexecDeployment = ObjectShape(
        "gLExec deployment state", doc: "How far gLExec is deployed at the sites.",
        fields: [
            Field("state", .enumeration(Words.deploymentStates), unknown: false, doc: "Deployment state."),
            Field("date", .date, unknown: false, doc: "Date of the statement."),
            Field("coverage", .text, required: false, doc: "Which sites, how many."),
            inferred,
        ])

    static let reviewer = ObjectShape(
        "reviewer", doc: "A member of the framework review team.", annotations: false,
        fields: [
            Field("name", .string, unknown: false, doc: "Name."),
            Field(
                "organisation", .enumeration(Words.reviewerOrganisations), unknown: false,
                doc: "Whom the reviewer represents."),
        ])

    static let frameworkReview = ObjectShape(
        "framework review", doc: "The recommendation on the security of one pilot job framework.",
        fields: [
            Field("framework", .string, unknown: false, doc: "Framework name, as in its description."),
            Field("vo", .string, unknown: false, doc: "The VO that runs it."),
            Field("outcome", .enumeration(Words.reviewOutcomes), unknown: false, doc: "The recommendation."),
            inferred,
            Field("date", .date, unknown: false, doc: "Date of the outcome."),
            Field(
                "reviewers", .list(.object(reviewer), minCount: 1),
                doc: "Who reviewed (signed); write unknown when not on record."),
        ])

    static let assessment = ObjectShape(
        "MB assessment", doc: "The status of one prerequisite as the MB reported it.",
        fields: [
            Field("prerequisite", .string, unknown: false, doc: "Prerequisite id, e.g. PRE-4."),
            Field("status", .enumeration(PrerequisiteState.allCases.map(\.rawValue)), unknown: false, doc: "Status."),
        ])

    static let mbDecision = ObjectShape(
        "MB decision", doc: "A decision or statement of the WLCG Management Board.",
        fields: [
            Field("date", .date, unknown: false, doc: "Date of the meeting."),
            Field("summary", .text, unknown: false, doc: "What was decided, in our words."),
            Field(
                "policy_in_effect", .boolean, required: false, unknown: false,
                doc: "The MB declared the policy in effect (true) or not in effect (false) from this date."),
            Field(
                "assessment", .list(.object(assessment), minCount: 1), required: false, unknown: false,
                doc: "The status of each prerequisite as the MB reported it."),
        ])

    static let exceptionWindow = ObjectShape(
        "exception window", doc: "A period in which the MB suspended part of the policy.", idField: "id",
        fields: [
            Field("id", .string, unknown: false, doc: "Identifier, unique among windows."),
            Field("from", .date, unknown: false, doc: "First day (inclusive)."),
            Field("to", .date, unknown: false, doc: "Last day (inclusive)."),
            Field(
                "suspends", .list(.enumeration(Words.suspensions), minCount: 1), unknown: false,
                doc: "What is suspended."),
            Field(
                "conditions", .list(.text, minCount: 1), unknown: false,
                doc: "Conditions attached, e.g. the VO answers for problems."),
            Field("decision", .text, unknown: false, doc: "The decision that granted it."),
        ])

    public static let root = ObjectShape(
        "status file", doc: "Dated evidence on the MB prerequisites.", annotations: false,
        fields: [
            Field("format", .constant(identifier), unknown: false, doc: "Always \(identifier)."),
            Field(
                "glexec_reviews", .list(.object(glexecReview), minCount: 0), required: false, unknown: false,
                doc: "gLExec security reviews (PRE-1)."),
            Field(
                "batch_system_tests", .list(.object(batchSystemTest), minCount: 0), required: false, unknown: false,
                doc: "gLExec integration tests per batch system (PRE-3)."),
            Field(
                "authorization_service", .list(.object(authorizationService), minCount: 0), required: false,
                unknown: false, doc: "States of the server LCAS/LCMAPS and its successors (PRE-4)."),
            Field(
                "glexec_deployment", .list(.object(glexecDeployment), minCount: 0), required: false, unknown: false,
                doc: "gLExec deployment at the sites (PRE-5)."),
            Field(
                "framework_reviews", .list(.object(frameworkReview), minCount: 0), required: false, unknown: false,
                doc: "Framework security reviews (PRE-2)."),
            Field(
                "mb_decisions", .list(.object(mbDecision), minCount: 0), required: false, unknown: false,
                doc: "MB decisions and statements."),
            Field(
                "exception_windows", .list(.object(exceptionWindow), minCount: 0), required: false, unknown: false,
                doc: "Periods in which part of the policy was suspended."),
        ])
}
