/// The commented starting point that `mupj init` prints. It is a complete, valid description of a
/// fictional framework (a test keeps it valid), so an experiment can edit it into its own.
public enum FrameworkTemplate {
    public static let text = #"""
        # A framework description for mupj, format mupj/1.
        # Every fact may be written plainly, with its source, or as unknown:
        #   retention_days: 90
        #   retention_days: {value: 90, source: "https://example.org/ops-guide#logs"}
        #   retention_days: unknown
        #   retention_days: {unknown: "the operations guide does not say", source: "https://example.org/ops-guide"}
        # Every mapping (section, list element or fact) may also carry `source:` (a citation, or a list of them)
        # and `notes:` (free text). Run `mupj validate FILE` to check a description before submitting it.
        format: mupj/1

        framework:
          name: ExamplePilot # the pilot job framework
          vo: EXAMPLE # the virtual organisation (experiment) that runs it
          description_version: "1" # version of this description
          described_on: 2008-06-01 # the date the description reflects (YYYY-MM-DD)
          framework_version: "1.0" # optional: release of the framework described
          summary: One paragraph on what the framework does. # optional
          contacts: # at least one person or team
            - name: Example security team
              email: security@example.org
              role: security # security | operations | development | management
          security_contact: security@example.org, answered by the VO security team within four hours # MUPJ-10, VO-1
          documents: # MUPJ-10: what the VO makes available to grid security and sites
            architecture: https://example.org/pilot/architecture
            security_model: https://example.org/pilot/security-model
            source_code: https://example.org/pilot/source
            available_on_request: true

        ownership: # MUPJ-1, MUPJ-2
          owner_registration: Owners are named by the VO computing coordinator and registered in VOMS. # the process
          owner_count: 3 # how many registered pilot job owners
          pilot_role: /example/Role=pilot # VOMS role (FQAN) used only for pilot submission
          pilot_role_exclusive: true # no other role is given other users' payloads
          conditions_accepted: true # owners accept the policy's conditions when registered
          site_approval: The VO asks each site through the grid's operations tracker and records the answer. # how
          approved_sites_only: true # pilots are sent only to sites that approved them

        payload_admission: # MUPJ-3
          authenticated_by: task-queue # component id where the payload owner is authenticated
          authentication: voms-proxy # x509 | voms-proxy | token | password | none
          vo_membership_checked: true # VOMS membership of the payload owner is checked
          checked_before_dispatch: true # the check happens before a pilot may fetch the payload

        components: # the distributed parts of the framework
          - id: task-queue # unique among components
            name: Central task queue
            kind: task-queue # central-service | task-queue | site-vo-box | pilot-factory | pilot | payload-wrapper | credential-store | monitoring | user-client
            zone: central # central | site-edge | worker-node | user
            operated_by: vo # vo | site | grid | user
            holds: [service-cert] # credential ids this component holds
            description: Holds the payloads users submit until a pilot fetches them. # optional
          - id: pilot
            name: Pilot job
            kind: pilot
            zone: worker-node
            operated_by: vo
            holds: [pilot-proxy, payload-proxy]

        credentials:
          - id: service-cert # unique among credentials
            type: host-certificate # x509-proxy | voms-proxy | robot-certificate | host-certificate | token | shared-secret | password
            identity: service # pilot-owner | payload-user | service
            lifetime_hours: 8760
            delegation: none # none | limited | full
            location: /etc/grid-security/hostcert.pem # where it is stored
            file_mode: "0400" # octal, quoted
            readable_by: [service] # pilot-account | payload-account | other-payloads | service | site-admins
          - id: pilot-proxy
            type: voms-proxy
            identity: pilot-owner
            lifetime_hours: 24
            delegation: limited
            location: pilot working directory
            file_mode: "0600"
            readable_by: [pilot-account]
          - id: payload-proxy
            type: voms-proxy
            identity: payload-user
            lifetime_hours: 12
            delegation: limited
            location: handed to gLExec, then in the payload's private directory
            file_mode: "0600"
            readable_by: [pilot-account, payload-account]

        channels:
          - id: payload-fetch # unique among channels
            from: pilot # component id
            to: task-queue # component id
            protocol: https
            authentication: mutual # mutual | server-only | client-only | none
            encrypted: true
            integrity_protected: true
            carries: [payloads, user-credentials] # payloads | user-credentials | pilot-credentials | status | logs | commands

        payload_execution: # MUPJ-5 .. MUPJ-8
          identity_switching:
            mechanism: glexec # glexec | other | none
            mode: setuid # setuid | logging-only
            used_at: every-site # every-site | where-site-provides | where-vo-configures
            credential: payload-proxy # credential id handed to the switching tool
            on_exit_code: # what the pilot does on each gLExec exit code
              "201": abort-pilot # client error
              "202": abort-pilot # system error
              "203": skip-and-report # authorisation refused (user not allowed or banned)
              "204": report-payload-failure # payload exit code collided with gLExec's
              # actions: skip-and-report | skip-silently | run-as-pilot | retry-here | requeue-elsewhere | abort-pilot | report-payload-failure
            retries_at_site_after_refusal: false
          work_directory:
            per_payload: true # each payload gets its own directory
            owner: payload-account # payload-account | pilot-account | shared
            mode: "0700"
          environment_cleaned: true # the payload's environment is cleaned of the pilot's variables
          payloads_per_slot: 1 # most payloads run at once in one batch slot
          in_batch_process_tree: true # payloads stay children of the batch job
          within_slot_walltime: true # payloads end before the slot's wall-clock limit

        traceability: # MUPJ-4, WLCG logging policy
          recorded_fields: [pilot-id, batch-job-id, site, ce, worker-node, payload-id, user-dn, user-fqan, local-account, start-time, end-time, exit-status]
          retention_days: 90
          stored_at: The central job database and the pilot logs at the site.
          site_access: Sites ask the VO security contact; records are sent within one working day.
          individual_ban: true # a single user can be banned, not only the whole VO
          incident_response: The VO security contact answers incidents with priority, following the grid's procedure.

        vo_operations: # VO Operations Policy
          security_contact_reviewed_on: 2008-05-01
          security_contact_review_interval_months: 12
          self_assessment_interval_months: 12
          incidents_handled_with_priority: true

        """#
}
