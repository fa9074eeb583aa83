CREATE TABLE "correspondence_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"direction" varchar(10) NOT NULL,
	"radicado" varchar(30) NOT NULL,
	"radicado_at" timestamp with time zone NOT NULL,
	"subject" text NOT NULL,
	"summary" text,
	"sender_name" text NOT NULL,
	"sender_entity" text,
	"sender_contact" text,
	"recipient_name" text NOT NULL,
	"recipient_entity" text,
	"recipient_contact" text,
	"dependencia_id" uuid NOT NULL,
	"medium" varchar(12) NOT NULL,
	"folios" integer DEFAULT 0 NOT NULL,
	"trd_series" varchar(20),
	"trd_subseries" varchar(20),
	"expediente_id" uuid,
	"responds_to_id" uuid,
	"pqrsd_radicado" varchar(30),
	"attachment_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"registered_by_user_id" uuid,
	"idempotency_key" varchar(80),
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('spanish', translate(lower(coalesce(radicado, '')), 'áéíóúüñàèìòù', 'aeiouunaeiou') || ' ' || translate(lower(coalesce(subject, '')), 'áéíóúüñàèìòù', 'aeiouunaeiou')), 'A') || setweight(to_tsvector('spanish', translate(lower(coalesce(sender_name, '')), 'áéíóúüñàèìòù', 'aeiouunaeiou') || ' ' || translate(lower(coalesce(sender_entity, '')), 'áéíóúüñàèìòù', 'aeiouunaeiou') || ' ' || translate(lower(coalesce(recipient_name, '')), 'áéíóúüñàèìòù', 'aeiouunaeiou') || ' ' || translate(lower(coalesce(recipient_entity, '')), 'áéíóúüñàèìòù', 'aeiouunaeiou')), 'B') || setweight(to_tsvector('spanish', translate(lower(coalesce(summary, '')), 'áéíóúüñàèìòù', 'aeiouunaeiou') || ' ' || translate(lower(coalesce(pqrsd_radicado, '')), 'áéíóúüñàèìòù', 'aeiouunaeiou')), 'C')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expediente" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" varchar(40) NOT NULL,
	"title" text NOT NULL,
	"dependencia_id" uuid NOT NULL,
	"trd_series" varchar(20) NOT NULL,
	"trd_subseries" varchar(20),
	"status" varchar(10) DEFAULT 'abierto' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "helpdesk_ticket" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"number" varchar(30) NOT NULL,
	"category" varchar(40) NOT NULL,
	"priority" varchar(10) NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"requester_user_id" uuid NOT NULL,
	"requester_dependencia_id" uuid,
	"attachment_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"reopen_count" smallint DEFAULT 0 NOT NULL,
	"satisfaction" smallint,
	"satisfaction_comment" text,
	"idempotency_key" varchar(80),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pqrsd_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"radicado" varchar(30) NOT NULL,
	"type" varchar(20) NOT NULL,
	"regime" varchar(40) NOT NULL,
	"term_days" smallint NOT NULL,
	"channel" varchar(12) NOT NULL,
	"category" varchar(40) NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"petitioner_user_id" uuid,
	"petitioner_name" text,
	"petitioner_document_type" varchar(4),
	"petitioner_document_number" varchar(20),
	"petitioner_email" text,
	"petitioner_phone" varchar(20),
	"petitioner_address" text,
	"tracking_hash" varchar(64) NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"filed_on" date NOT NULL,
	"starts_on" date NOT NULL,
	"legal_due_on" date NOT NULL,
	"attachment_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"registered_by_user_id" uuid,
	"source_message_id" text,
	"idempotency_key" varchar(80),
	"extended_until" date,
	"transferred_to" text,
	"duplicate_of" varchar(30),
	"response_draft" text,
	"response_template" varchar(40),
	"response_document_id" uuid,
	"answered_at" timestamp with time zone,
	"information_denied" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_case" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"workflow" varchar(40) NOT NULL,
	"workflow_version" integer NOT NULL,
	"reference" varchar(40) NOT NULL,
	"subject" text NOT NULL,
	"case_type" varchar(40),
	"state" varchar(40) NOT NULL,
	"state_entered_at" timestamp with time zone NOT NULL,
	"state_due_at" timestamp with time zone,
	"dependencia_id" uuid,
	"assignee_user_id" uuid,
	"clock_events" jsonb NOT NULL,
	"clock_status" varchar(10) NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"due_on" date NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"outcome" varchar(40),
	"alerted_for_due_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_transition" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" varchar(40) NOT NULL,
	"from_state" varchar(40),
	"to_state" varchar(40) NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"comment" text,
	"attachment_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"data" jsonb,
	"idempotency_key" varchar(80)
);
--> statement-breakpoint
ALTER TABLE "correspondence_item" ADD CONSTRAINT "correspondence_item_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correspondence_item" ADD CONSTRAINT "correspondence_item_expediente_id_expediente_id_fk" FOREIGN KEY ("expediente_id") REFERENCES "public"."expediente"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expediente" ADD CONSTRAINT "expediente_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpdesk_ticket" ADD CONSTRAINT "helpdesk_ticket_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "helpdesk_ticket" ADD CONSTRAINT "helpdesk_ticket_case_id_workflow_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."workflow_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pqrsd_request" ADD CONSTRAINT "pqrsd_request_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pqrsd_request" ADD CONSTRAINT "pqrsd_request_case_id_workflow_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."workflow_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_case" ADD CONSTRAINT "workflow_case_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_case" ADD CONSTRAINT "workflow_case_dependencia_id_dependencia_id_fk" FOREIGN KEY ("dependencia_id") REFERENCES "public"."dependencia"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_case" ADD CONSTRAINT "workflow_case_assignee_user_id_app_user_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_transition" ADD CONSTRAINT "workflow_transition_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_transition" ADD CONSTRAINT "workflow_transition_case_id_workflow_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."workflow_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "correspondence_radicado_uq" ON "correspondence_item" USING btree ("tenant_id","radicado");--> statement-breakpoint
CREATE UNIQUE INDEX "correspondence_idempotency_uq" ON "correspondence_item" USING btree ("tenant_id","idempotency_key") WHERE idempotency_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX "correspondence_dependencia_idx" ON "correspondence_item" USING btree ("tenant_id","dependencia_id","radicado_at");--> statement-breakpoint
CREATE INDEX "correspondence_expediente_idx" ON "correspondence_item" USING btree ("expediente_id");--> statement-breakpoint
CREATE INDEX "correspondence_search_idx" ON "correspondence_item" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "expediente_code_uq" ON "expediente" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "helpdesk_ticket_number_uq" ON "helpdesk_ticket" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "helpdesk_ticket_case_uq" ON "helpdesk_ticket" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "helpdesk_ticket_idempotency_uq" ON "helpdesk_ticket" USING btree ("tenant_id","idempotency_key") WHERE idempotency_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX "helpdesk_ticket_requester_idx" ON "helpdesk_ticket" USING btree ("tenant_id","requester_user_id","opened_at");--> statement-breakpoint
CREATE INDEX "helpdesk_ticket_opened_idx" ON "helpdesk_ticket" USING btree ("tenant_id","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pqrsd_request_radicado_uq" ON "pqrsd_request" USING btree ("tenant_id","radicado");--> statement-breakpoint
CREATE UNIQUE INDEX "pqrsd_request_case_uq" ON "pqrsd_request" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pqrsd_request_message_uq" ON "pqrsd_request" USING btree ("tenant_id","source_message_id") WHERE source_message_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "pqrsd_request_idempotency_uq" ON "pqrsd_request" USING btree ("tenant_id","idempotency_key") WHERE idempotency_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX "pqrsd_request_filed_idx" ON "pqrsd_request" USING btree ("tenant_id","filed_at");--> statement-breakpoint
CREATE INDEX "pqrsd_request_petitioner_idx" ON "pqrsd_request" USING btree ("tenant_id","petitioner_user_id","filed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_case_reference_uq" ON "workflow_case" USING btree ("tenant_id","workflow","reference");--> statement-breakpoint
CREATE INDEX "workflow_case_dependencia_inbox_idx" ON "workflow_case" USING btree ("tenant_id","workflow","dependencia_id","due_at","id") WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX "workflow_case_assignee_inbox_idx" ON "workflow_case" USING btree ("tenant_id","workflow","assignee_user_id","due_at","id") WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX "workflow_case_running_due_idx" ON "workflow_case" USING btree ("due_at") WHERE closed_at IS NULL AND clock_status = 'running';--> statement-breakpoint
CREATE INDEX "workflow_case_state_due_idx" ON "workflow_case" USING btree ("state_due_at") WHERE closed_at IS NULL AND state_due_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "workflow_case_opened_idx" ON "workflow_case" USING btree ("tenant_id","workflow","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_transition_seq_uq" ON "workflow_transition" USING btree ("case_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "workflow_transition_idempotency_uq" ON "workflow_transition" USING btree ("case_id","idempotency_key") WHERE idempotency_key IS NOT NULL;