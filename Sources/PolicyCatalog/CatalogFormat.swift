import DocumentSchema

/// The shape of a catalog file (`checklists/*.yaml`), validated as strictly as descriptions.
/// Conditions and example fragments are kept as raw nodes here and parsed by `ConditionParser`
/// and the description validator, which report their own located errors.
enum CatalogFormat {
    static let condition = Shape.custom("a condition of the check language (see docs/check-language.md)")

    static let document = ObjectShape(
        "document", doc: "The policy document the catalog encodes.", annotations: false,
        fields: [
            Field("title", .string, unknown: false, doc: "Title of the document."),
            Field("reference", .string, unknown: false, doc: "Where it is filed, e.g. EDMS 855383."),
            Field("version", .string, unknown: false, doc: "Version encoded by this catalog."),
            Field("url", .string, required: false, unknown: false, doc: "Where to read it."),
        ])

    static let source = ObjectShape(
        "clause source", doc: "Where the clause is in the document.", annotations: false,
        fields: [
            Field("document", .string, unknown: false, doc: "Document reference."),
            Field("version", .string, unknown: false, doc: "Document version."),
            Field("section", .string, unknown: false, doc: "Clause or section number."),
        ])

    static let check = ObjectShape(
        "check", doc: "A machine-decidable part of a clause.", idField: "id", annotations: false,
        fields: [
            Field("id", .string, unknown: false, doc: "Identifier, unique within the clause."),
            Field("title", .text, unknown: false, doc: "What the check asks, as a sentence."),
            Field(
                "severity", .enumeration(Severity.allCases.map(\.rawValue)), required: false, unknown: false,
                doc: "Overrides the clause severity."),
            Field("when", condition, required: false, unknown: false, doc: "Precondition on the description."),
            Field(
                "for_each", .enumeration(Check.Collection.allCases.map(\.rawValue)), required: false, unknown: false,
                doc: "Evaluate once per element of this collection."),
            Field("where", condition, required: false, unknown: false, doc: "Filter on the elements."),
            Field("require", condition, unknown: false, doc: "What must hold."),
            Field(
                "expect_some", .boolean, required: false, unknown: false,
                doc: "With for_each: violated when no element is selected."),
        ])

    static let example = ObjectShape(
        "example", doc: "A description fragment and the status the clause must give it.", annotations: false,
        fields: [
            Field("expect", .enumeration(Status.allCases.map(\.rawValue)), unknown: false, doc: "Expected status."),
            Field("note", .text, required: false, unknown: false, doc: "What the example shows."),
            Field("description", .custom("a framework description fragment"), unknown: false, doc: "The fragment."),
        ])

    static let clause = ObjectShape(
        "clause", doc: "One obligation of the policy.", idField: "id", annotations: false,
        fields: [
            Field("id", .string, unknown: false, doc: "Clause id, e.g. MUPJ-5."),
            Field("title", .string, unknown: false, doc: "Short title."),
            Field("paraphrase", .text, unknown: false, doc: "The obligation in our own words."),
            Field(
                "subject", .list(.enumeration(Subject.allCases.map(\.rawValue)), minCount: 1), unknown: false,
                doc: "Who it binds."),
            Field("source", .object(source), unknown: false, doc: "Where it is in the document."),
            Field("severity", .enumeration(Severity.allCases.map(\.rawValue)), unknown: false, doc: "Severity."),
            Field("rationale", .text, unknown: false, doc: "Why it matters."),
            Field("recommendation", .text, unknown: false, doc: "What to do when it is not met."),
            Field("checks", .list(.object(check), minCount: 1), unknown: false, doc: "Its checks."),
            Field("examples", .list(.object(example), minCount: 2), unknown: false, doc: "Worked examples."),
        ])

    static let root = ObjectShape(
        "catalog", doc: "A policy catalog.", annotations: false,
        fields: [
            Field("catalog", .string, unknown: false, doc: "Catalog id."),
            Field("title", .string, unknown: false, doc: "Title."),
            Field("document", .object(document), unknown: false, doc: "The document encoded."),
            Field("clauses", .list(.object(clause), minCount: 1), unknown: false, doc: "The clauses."),
        ])
}
