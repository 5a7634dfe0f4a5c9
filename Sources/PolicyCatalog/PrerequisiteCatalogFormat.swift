import DocumentSchema

enum PrerequisiteCatalogFormat {
    static let source = ObjectShape(
        "prerequisite source", doc: "Where the prerequisite is stated.", annotations: false,
        fields: [
            Field("document", .string, unknown: false, doc: "The document or meeting."),
            Field("date", .date, unknown: false, doc: "Its date."),
            Field("section", .string, unknown: false, doc: "Slide or section."),
        ])

    static let addition = ObjectShape(
        "addition", doc: "Who added a prerequisite that was not in the original list.", annotations: false,
        fields: [
            Field("by", .string, unknown: false, doc: "Who added it."),
            Field("date", .date, unknown: false, doc: "When."),
            Field("note", .text, required: false, unknown: false, doc: "How."),
        ])

    static let evidence = ObjectShape(
        "evidence rule", doc: "The status file section that decides the prerequisite.", annotations: false,
        fields: [
            Field(
                "kind", .enumeration(PrerequisiteEvidence.Kind.allCases.map(\.rawValue)), unknown: false,
                doc: "Which evidence decides it."),
            Field(
                "required_by", .list(.enumeration(StatusFormat.Words.organisations), minCount: 1), required: false,
                unknown: false, doc: "glexec-reviews: the organisations whose positive review is needed."),
            Field(
                "representatives", .list(.enumeration(StatusFormat.Words.organisations), minCount: 1),
                required: false, unknown: false,
                doc: "framework-reviews: the organisations that must be among the reviewers."),
            Field(
                "batch_systems", .list(.enumeration(StatusFormat.Words.batchSystems), minCount: 1), required: false,
                unknown: false, doc: "batch-system-tests: the batch systems that need a passing test."),
            Field(
                "products", .list(.enumeration(StatusFormat.Words.products), minCount: 1), required: false,
                unknown: false, doc: "authorization-service: the products that count."),
        ])

    static let verdict = ObjectShape(
        "findings verdict", doc: "A framework's findings verdict, standing in for a review result.",
        annotations: false,
        fields: [
            Field("framework", .string, unknown: false, doc: "Framework name."),
            Field("vo", .string, unknown: false, doc: "Its VO."),
            Field("verdict", .enumeration(StatusFormat.Words.verdicts), unknown: false, doc: "The verdict."),
            Field("described_on", .date, required: false, unknown: false, doc: "Date of the description."),
            Field(
                "signed_on", .date, required: false, unknown: false,
                doc: "For a verdict the reviewers signed (mupj sign-off): the day of the last signature. With "
                    + "signed_by."),
            Field(
                "signed_by", .list(.object(StatusFormat.reviewer), minCount: 1), required: false, unknown: false,
                doc: "Who signed it. With signed_on."),
        ])

    static let example = ObjectShape(
        "prerequisite example", doc: "A status fragment and the state the prerequisite must have.",
        annotations: false,
        fields: [
            Field(
                "expect", .enumeration(PrerequisiteState.allCases.map(\.rawValue)), unknown: false,
                doc: "Expected state."),
            Field("note", .text, required: false, unknown: false, doc: "What the example shows."),
            Field("as_of", .date, required: false, unknown: false, doc: "Day to evaluate on."),
            Field(
                "verdicts", .list(.object(verdict), minCount: 1), required: false, unknown: false,
                doc: "Findings verdicts to apply."),
            Field("status", .custom("a status file fragment (format mupj-status/1)"), unknown: false, doc: "Fragment."),
        ])

    static let prerequisite = ObjectShape(
        "prerequisite", doc: "One condition of the MB policy.", idField: "id", annotations: false,
        fields: [
            Field("id", .string, unknown: false, doc: "Id, e.g. PRE-1."),
            Field("title", .string, unknown: false, doc: "Short title."),
            Field("paraphrase", .text, unknown: false, doc: "The condition in our words."),
            Field("source", .object(source), unknown: false, doc: "Where it is stated."),
            Field("original_list", .boolean, unknown: false, doc: "One of the four of November 2007."),
            Field("added", .object(addition), required: false, unknown: false, doc: "For a later addition."),
            Field("evidence", .object(evidence), unknown: false, doc: "The evidence rule."),
            Field("decided_by", .text, unknown: false, doc: "What evidence decides it, in words."),
            Field("examples", .list(.object(example), minCount: 2), unknown: false, doc: "Worked examples."),
        ])

    static let root = ObjectShape(
        "prerequisite catalog", doc: "The MB prerequisites.", annotations: false,
        fields: [
            Field("catalog", .string, unknown: false, doc: "Catalog id."),
            Field("title", .string, unknown: false, doc: "Title."),
            Field("document", .object(CatalogFormat.document), unknown: false, doc: "The policy."),
            Field("prerequisites", .list(.object(prerequisite), minCount: 1), unknown: false, doc: "The conditions."),
        ])
}
