CREATE TABLE "bank_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"file_name" text,
	"file_id" uuid,
	"bank_code" varchar(10),
	"collection_date" date,
	"state" varchar(10) NOT NULL,
	"records" integer NOT NULL,
	"total" bigint NOT NULL,
	"applied" integer NOT NULL,
	"report" jsonb NOT NULL,
	"uploaded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bill" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tax" varchar(20) NOT NULL,
	"subject_id" uuid NOT NULL,
	"number" varchar(30) NOT NULL,
	"payment_reference" varchar(24) NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_on" date NOT NULL,
	"state" varchar(10) NOT NULL,
	"content_key" varchar(64) NOT NULL,
	"snapshot" jsonb NOT NULL,
	"agreement_id" uuid,
	"instalment_number" smallint,
	"issued_by_user_id" uuid,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bill_line" (
	"bill_id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"vigencia" smallint NOT NULL,
	"concept" varchar(30) NOT NULL,
	"capital" bigint NOT NULL,
	CONSTRAINT "bill_line_bill_id_demand_id_pk" PRIMARY KEY("bill_id","demand_id")
);
--> statement-breakpoint
CREATE TABLE "bill_option" (
	"bill_id" uuid NOT NULL,
	"seq" smallint NOT NULL,
	"pay_by" date NOT NULL,
	"label" text NOT NULL,
	"total" bigint NOT NULL,
	"lines" jsonb NOT NULL,
	"barcode_text" varchar(120) NOT NULL,
	CONSTRAINT "bill_option_bill_id_seq_pk" PRIMARY KEY("bill_id","seq")
);
--> statement-breakpoint
CREATE TABLE "gateway_transaction" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"bill_id" uuid NOT NULL,
	"option_seq" smallint NOT NULL,
	"reference" varchar(40) NOT NULL,
	"gateway_id" varchar(120),
	"amount" bigint NOT NULL,
	"state" varchar(16) NOT NULL,
	"bank_code" varchar(10) NOT NULL,
	"redirect_url" text,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_queried_at" timestamp with time zone,
	"next_check_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"payment_id" uuid,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "liquidation_run" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tax" varchar(20) NOT NULL,
	"vigencia" smallint NOT NULL,
	"state" varchar(12) NOT NULL,
	"job_id" varchar(64),
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"existing" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"cursor" uuid,
	"rule_version" varchar(80),
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_user_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tax" varchar(20) NOT NULL,
	"bill_id" uuid NOT NULL,
	"option_seq" smallint,
	"channel" varchar(10) NOT NULL,
	"external_id" varchar(200) NOT NULL,
	"amount" bigint NOT NULL,
	"unapplied" bigint DEFAULT 0 NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"collection_date" date NOT NULL,
	"bank_code" varchar(10),
	"bank_file_id" uuid,
	"gateway_transaction_id" uuid,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_agreement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tax" varchar(20) NOT NULL,
	"subject_id" uuid NOT NULL,
	"number" varchar(30) NOT NULL,
	"plan_id" varchar(80) NOT NULL,
	"state" varchar(12) NOT NULL,
	"demand_ids" jsonb NOT NULL,
	"total" bigint NOT NULL,
	"instalments" jsonb NOT NULL,
	"interest_free" boolean NOT NULL,
	"detail" jsonb NOT NULL,
	"requested_by_user_id" uuid,
	"decided_by_user_id" uuid,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payment_application" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"vigencia" smallint NOT NULL,
	"concept" varchar(30) NOT NULL,
	"component" varchar(14) NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tax_demand" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"tax" varchar(20) NOT NULL,
	"subject_id" uuid NOT NULL,
	"vigencia" smallint NOT NULL,
	"concept" varchar(30) NOT NULL,
	"amount" bigint NOT NULL,
	"settled" bigint DEFAULT 0 NOT NULL,
	"due_date" date NOT NULL,
	"interest_bearing" boolean DEFAULT true NOT NULL,
	"basis" jsonb,
	"rule_version" varchar(80),
	"liquidation_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tax_demand_amendment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"demand_id" uuid NOT NULL,
	"previous_amount" bigint NOT NULL,
	"new_amount" bigint NOT NULL,
	"reason" text NOT NULL,
	"origin" varchar(20) NOT NULL,
	"status" varchar(12) NOT NULL,
	"requested_by_user_id" uuid,
	"decided_by_user_id" uuid,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "bank_file" ADD CONSTRAINT "bank_file_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill" ADD CONSTRAINT "bill_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_line" ADD CONSTRAINT "bill_line_bill_id_bill_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bill"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_line" ADD CONSTRAINT "bill_line_demand_id_tax_demand_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."tax_demand"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_option" ADD CONSTRAINT "bill_option_bill_id_bill_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bill"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_transaction" ADD CONSTRAINT "gateway_transaction_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_transaction" ADD CONSTRAINT "gateway_transaction_bill_id_bill_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bill"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "liquidation_run" ADD CONSTRAINT "liquidation_run_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment" ADD CONSTRAINT "payment_bill_id_bill_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bill"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_agreement" ADD CONSTRAINT "payment_agreement_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_application" ADD CONSTRAINT "payment_application_payment_id_payment_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_application" ADD CONSTRAINT "payment_application_demand_id_tax_demand_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."tax_demand"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_demand" ADD CONSTRAINT "tax_demand_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_demand_amendment" ADD CONSTRAINT "tax_demand_amendment_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tax_demand_amendment" ADD CONSTRAINT "tax_demand_amendment_demand_id_tax_demand_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."tax_demand"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_file_applied_uq" ON "bank_file" USING btree ("tenant_id","sha256") WHERE state = 'aplicado';--> statement-breakpoint
CREATE INDEX "bank_file_created_idx" ON "bank_file" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bill_reference_uq" ON "bill" USING btree ("tenant_id","payment_reference");--> statement-breakpoint
CREATE UNIQUE INDEX "bill_number_uq" ON "bill" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "bill_subject_idx" ON "bill" USING btree ("subject_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bill_content_uq" ON "bill" USING btree ("tenant_id","content_key");--> statement-breakpoint
CREATE INDEX "bill_line_demand_idx" ON "bill_line" USING btree ("demand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gateway_transaction_gateway_uq" ON "gateway_transaction" USING btree ("tenant_id","gateway_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gateway_transaction_reference_uq" ON "gateway_transaction" USING btree ("tenant_id","reference");--> statement-breakpoint
CREATE INDEX "gateway_transaction_pending_idx" ON "gateway_transaction" USING btree ("next_check_at") WHERE state = 'PENDING';--> statement-breakpoint
CREATE INDEX "gateway_transaction_bill_idx" ON "gateway_transaction" USING btree ("bill_id");--> statement-breakpoint
CREATE UNIQUE INDEX "liquidation_run_active_uq" ON "liquidation_run" USING btree ("tenant_id","tax","vigencia") WHERE state = 'en_curso';--> statement-breakpoint
CREATE UNIQUE INDEX "payment_external_uq" ON "payment" USING btree ("tenant_id","channel","external_id");--> statement-breakpoint
CREATE INDEX "payment_bill_idx" ON "payment" USING btree ("bill_id");--> statement-breakpoint
CREATE INDEX "payment_day_idx" ON "payment" USING btree ("tenant_id","collection_date");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_agreement_number_uq" ON "payment_agreement" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_agreement_open_uq" ON "payment_agreement" USING btree ("tenant_id","tax","subject_id") WHERE state in ('solicitado', 'vigente');--> statement-breakpoint
CREATE INDEX "payment_application_payment_idx" ON "payment_application" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_application_demand_idx" ON "payment_application" USING btree ("demand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tax_demand_uq" ON "tax_demand" USING btree ("tenant_id","tax","subject_id","vigencia","concept");--> statement-breakpoint
CREATE INDEX "tax_demand_subject_idx" ON "tax_demand" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "tax_demand_open_idx" ON "tax_demand" USING btree ("tenant_id","tax","vigencia") WHERE settled < amount;--> statement-breakpoint
CREATE INDEX "tax_demand_amendment_demand_idx" ON "tax_demand_amendment" USING btree ("demand_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tax_demand_amendment_pending_uq" ON "tax_demand_amendment" USING btree ("demand_id") WHERE status = 'pendiente';