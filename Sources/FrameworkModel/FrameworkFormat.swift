import DocumentSchema

/// Format `mupj/1` of a framework description, as data. The sections follow what the review must
/// decide (domain brief §3–§6): identity and documents (MUPJ-10), ownership and site approval
/// (MUPJ-1, 2), payload admission (MUPJ-3), the distributed parts (components, credentials,
/// channels: MUPJ-8, 9), payload execution (MUPJ-5..8) and traceability (MUPJ-4).
public enum FrameworkFormat {
    public static let identifier = "mupj/1"
    public static let schemaID = "https://mupj.invalid/schema/framework-description-1.json"

    public enum Words {
        public static let componentKinds = [
            "central-service", "task-queue", "site-vo-box", "pilot-factory", "pilot", "payload-wrapper",
            "credential-store", "monitoring", "user-client",
        ]
        public static let zones = ["central", "site-edge", "worker-node", "user"]
        public static let operators = ["vo", "site", "grid", "user"]
        public static let credentialTypes = [
            "x509-proxy", "voms-proxy", "robot-certificate", "host-certificate", "token", "shared-secret", "password",
        ]
        public static let identities = ["pilot-owner", "payload-user", "service"]
        public static let delegations = ["none", "limited", "full"]
        public static let readers = ["pilot-account", "payload-account", "other-payloads", "service", "site-admins"]
        public static let channelAuthentications = ["mutual", "server-only", "client-only", "none"]
        public static let cargo = ["payloads", "user-credentials", "pilot-credentials", "status", "logs", "commands"]
        public static let admissionAuthentications = ["x509", "voms-proxy", "token", "password", "none"]
        public static let mechanisms = ["glexec", "other", "none"]
        public static let modes = ["setuid", "logging-only"]
        public static let switchingScopes = ["every-site", "where-site-provides", "where-vo-configures"]
        public static let exitActions = [
            "skip-and-report", "skip-silently", "run-as-pilot", "retry-here", "requeue-elsewhere", "abort-pilot",
            "report-payload-failure",
        ]
        public static let directoryOwners = ["payload-account", "pilot-account", "shared"]
        public static let recordFields = [
            "pilot-id", "batch-job-id", "site", "ce", "worker-node", "payload-id", "user-dn", "user-fqan",
            "local-account", "start-time", "end-time", "exit-status",
        ]
        public static let contactRoles = ["security", "operations", "development", "management"]
    }

    static let contact = ObjectShape(
        "contact", doc: "A person or team to reach about the framework.",
        fields: [
            Field("name", .string, unknown: false, doc: "Name of the person or team."),
            Field("email", .string, doc: "Address to write to."),
            Field("role", .enumeration(Words.contactRoles), unknown: false, doc: "What the contact answers for."),
        ])

    static let documents = ObjectShape(
        "documents",
        doc: "Where grid security operations and sites find the architecture, the security model and the "
            + "source code (MUPJ-10). Give URLs or document references.",
        fields: [
            Field("architecture", .string, doc: "Description of the framework's architecture."),
            Field("security_model", .string, doc: "Description of its security model."),
            Field("source_code", .string, doc: "Where the source code of the pilot system can be obtained."),
            Field(
                "available_on_request", .boolean,
                doc: "The VO gives these documents to grid security operations and to sites that ask."),
        ])

    static let framework = ObjectShape(
        "framework", doc: "Identity of the framework and of this description.",
        fields: [
            Field("name", .string, unknown: false, doc: "Name of the pilot job framework."),
            Field("vo", .string, unknown: false, doc: "The virtual organisation (experiment) that runs it."),
            Field("description_version", .string, unknown: false, doc: "Version of this description (quote it)."),
            Field("described_on", .date, unknown: false, doc: "The date the description reflects."),
            Field("framework_version", .string, required: false, doc: "Release of the framework described."),
            Field("summary", .text, required: false, unknown: false, doc: "What the framework does, in a paragraph."),
            Field(
                "contacts", .list(.object(contact), minCount: 1), unknown: false,
                doc: "People or teams to reach about the framework."),
            Field(
                "security_contact", .text,
                doc: "How grid security and sites reach the VO's security contact (address, or where it is registered)."
            ),
            Field("documents", .object(documents), unknown: false, doc: "Published documents (MUPJ-10)."),
        ])

    static let ownership = ObjectShape(
        "ownership", doc: "Pilot job owners and site approval (MUPJ-1, MUPJ-2).",
        fields: [
            Field("owner_registration", .text, doc: "How pilot job owners are registered and authorised by the VO."),
            Field("owner_count", .integer(minimum: 0), doc: "How many registered pilot job owners there are."),
            Field("pilot_role", .string, doc: "VOMS role (FQAN) used for pilot submission, e.g. /vo/Role=pilot."),
            // Optional, so that descriptions written before it stay valid; a check that needs it
            // asks for it (needs-information) where it is not stated.
            Field(
                "pilot_role_exclusive", .boolean, required: false,
                doc:
                    "The pilot role is used for nothing but pilots, and no other role is given other users' payloads."
            ),
            Field("conditions_accepted", .boolean, doc: "Owners accept the policy's conditions when registered."),
            Field("site_approval", .text, doc: "How approval of the grid and of each site is obtained and recorded."),
            Field("approved_sites_only", .boolean, doc: "Pilots are sent only to sites that approved them."),
        ])

    static let admission = ObjectShape(
        "payload admission", doc: "How the owner of a payload is authenticated and authorised (MUPJ-3).",
        fields: [
            Field("authenticated_by", .reference("components"), doc: "Component that authenticates payload owners."),
            Field(
                "authentication", .enumeration(Words.admissionAuthentications),
                doc: "How the payload owner proves who they are."),
            Field("vo_membership_checked", .boolean, doc: "VO (VOMS) membership of the payload owner is checked."),
            Field(
                "checked_before_dispatch", .boolean, doc: "The check happens before any pilot may fetch the payload."),
        ])

    static let component = ObjectShape(
        "component", doc: "A distributed part of the framework.", idField: "id",
        fields: [
            Field("id", .string, unknown: false, doc: "Identifier, unique among components."),
            Field("name", .string, required: false, unknown: false, doc: "Human-readable name."),
            Field("kind", .enumeration(Words.componentKinds), unknown: false, doc: "What the component is."),
            Field("zone", .enumeration(Words.zones), doc: "Where it runs."),
            Field("operated_by", .enumeration(Words.operators), doc: "Who operates it."),
            Field(
                "holds", .list(.reference("credentials"), minCount: 0), required: false,
                doc:
                    "Credentials this component holds (ids); `[]` for none. Left out, the component may hold "
                    + "any credential, and the review treats it as a possible holder of each."),
            Field("description", .text, required: false, unknown: false, doc: "What it does."),
        ])

    static let credential = ObjectShape(
        "credential", doc: "A credential used somewhere in the framework.", idField: "id",
        inverses: [
            InverseField(
                "held_by", collection: "components", field: "holds",
                doc: "The components whose `holds` list this credential (derived, not written).")
        ],
        fields: [
            Field("id", .string, unknown: false, doc: "Identifier, unique among credentials."),
            Field("type", .enumeration(Words.credentialTypes), doc: "Kind of credential."),
            Field("identity", .enumeration(Words.identities), doc: "Whose identity it carries."),
            Field("lifetime_hours", .number(minimum: 0), doc: "Lifetime in hours."),
            Field("delegation", .enumeration(Words.delegations), doc: "Delegation: none, limited or full proxy."),
            Field("location", .text, doc: "Where it is stored."),
            Field("file_mode", .fileMode, doc: "File mode of the stored credential, quoted octal."),
            Field("readable_by", .list(.enumeration(Words.readers), minCount: 0), doc: "Accounts that can read it."),
        ])

    static let channel = ObjectShape(
        "channel", doc: "A network connection between two components.", idField: "id",
        fields: [
            Field("id", .string, unknown: false, doc: "Identifier, unique among channels."),
            Field("from", .reference("components"), unknown: false, doc: "Component that opens the connection."),
            Field("to", .reference("components"), unknown: false, doc: "Component it connects to."),
            Field("protocol", .string, doc: "Protocol, e.g. https, gsi, condor."),
            Field("authentication", .enumeration(Words.channelAuthentications), doc: "Who authenticates whom."),
            Field("encrypted", .boolean, doc: "Traffic is encrypted."),
            Field("integrity_protected", .boolean, doc: "Traffic is integrity-protected."),
            Field("carries", .list(.enumeration(Words.cargo), minCount: 1), doc: "What travels over it."),
        ])

    static let exitCodes = ObjectShape(
        "gLExec exit code handling", doc: "What the pilot does when gLExec exits with each of its own codes.",
        annotations: true,
        fields: [
            Field("201", .enumeration(Words.exitActions), doc: "Client error."),
            Field("202", .enumeration(Words.exitActions), doc: "System error."),
            Field("203", .enumeration(Words.exitActions), doc: "Authorisation refused (user not allowed or banned)."),
            Field("204", .enumeration(Words.exitActions), doc: "The payload's exit code collided with gLExec's."),
        ])

    static let identitySwitching = ObjectShape(
        "identity switching", doc: "How the payload is run under its owner's identity (MUPJ-5, MUPJ-6).",
        fields: [
            Field("mechanism", .enumeration(Words.mechanisms), doc: "The identity-switching tool, or none."),
            Field("mode", .enumeration(Words.modes), required: false, doc: "setuid switches; logging-only does not."),
            Field(
                "used_at", .enumeration(Words.switchingScopes), required: false,
                doc: "Where pilots switch: at every site; wherever the site provides the tool; or only where "
                    + "the framework's own per-site configuration, kept on the VO's side, turns it on."),
            Field(
                "credential", .reference("credentials"), required: false,
                doc: "Credential handed to the switching tool (whose identity the payload gets)."),
            Field(
                "on_exit_code", .object(exitCodes), required: false,
                doc: "The pilot's action on each gLExec exit code 201-204."),
            Field(
                "retries_at_site_after_refusal", .boolean, required: false,
                doc: "After a refusal (203), the payload is tried again at the same site."),
        ])

    static let workDirectory = ObjectShape(
        "work directory", doc: "Where a payload runs (MUPJ-8).",
        fields: [
            Field("per_payload", .boolean, doc: "Each payload gets a directory of its own."),
            Field("owner", .enumeration(Words.directoryOwners), doc: "Account that owns the directory."),
            Field("mode", .fileMode, doc: "Mode of the directory, quoted octal."),
        ])

    static let execution = ObjectShape(
        "payload execution", doc: "How payloads run on the worker node (MUPJ-5 to MUPJ-8).",
        fields: [
            Field("identity_switching", .object(identitySwitching), doc: "Identity switching."),
            Field("work_directory", .object(workDirectory), doc: "The payload's work directory."),
            Field("environment_cleaned", .boolean, doc: "The pilot's environment is removed before the payload runs."),
            Field("payloads_per_slot", .integer(minimum: 1), doc: "Most payloads running at once in one batch slot."),
            Field("in_batch_process_tree", .boolean, doc: "Payloads stay in the batch job's process tree."),
            Field("within_slot_walltime", .boolean, doc: "Payloads end within the slot's wall-clock limit."),
        ])

    static let traceability = ObjectShape(
        "traceability", doc: "Per-payload records, retention, access and bans (MUPJ-4, logging policy).",
        fields: [
            Field(
                "recorded_fields", .list(.enumeration(Words.recordFields), minCount: 0),
                doc: "Fields recorded for every payload."),
            Field("retention_days", .integer(minimum: 0), doc: "How many days the records are kept."),
            Field("stored_at", .text, doc: "Where the records are kept."),
            Field("site_access", .text, doc: "How a site obtains the records."),
            Field("individual_ban", .boolean, doc: "A single user can be banned, not only the whole VO."),
            Field("incident_response", .text, doc: "How the VO responds to security incidents."),
        ])

    static let voOperations = ObjectShape(
        "VO operations", doc: "Obligations of the VO Operations Policy.",
        fields: [
            Field("security_contact_reviewed_on", .date, doc: "When the security contact was last confirmed."),
            Field(
                "security_contact_review_interval_months", .integer(minimum: 1),
                doc: "How often the VO confirms its security contact."),
            Field(
                "self_assessment_interval_months", .integer(minimum: 1), doc: "How often the VO checks its compliance."),
            Field(
                "incidents_handled_with_priority", .boolean,
                doc: "The VO answers security incidents with priority over other work."),
        ])

    /// The whole description.
    public static let root = ObjectShape(
        "description",
        doc: "A description of the distributed parts of a multi-user pilot job framework, for security review.",
        fields: [
            Field("format", .constant(identifier), unknown: false, doc: "Format identifier, \(identifier)."),
            Field("framework", .object(framework), unknown: false, doc: "Identity, contacts, documents."),
            Field("ownership", .object(ownership), unknown: false, doc: "Pilot owners and site approval."),
            Field("payload_admission", .object(admission), unknown: false, doc: "Authorising payload owners."),
            Field(
                "components", .list(.object(component), minCount: 1), unknown: false,
                doc: "The distributed parts of the framework."),
            Field(
                "credentials", .list(.object(credential), minCount: 1), unknown: false,
                doc: "Credentials and where they live."),
            Field(
                "channels", .list(.object(channel), minCount: 1), unknown: false, doc: "Connections between components."
            ),
            Field("payload_execution", .object(execution), unknown: false, doc: "Running payloads."),
            Field("traceability", .object(traceability), unknown: false, doc: "Records and bans."),
            Field("vo_operations", .object(voOperations), unknown: false, doc: "VO operations obligations."),
        ])

    public static func jsonSchema() -> JSON {
        JSONSchemaExport.schema(for: root, id: schemaID, title: "mupj framework description, format \(identifier)")
    }
}
