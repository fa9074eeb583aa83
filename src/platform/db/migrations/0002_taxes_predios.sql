CREATE TABLE "cadastre_import" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"formato" varchar(20) NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"file_id" uuid,
	"estado" varchar(12) NOT NULL,
	"resumen" jsonb NOT NULL,
	"problemas" jsonb NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "predio" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"numero_predial" varchar(30),
	"numero_predial_anterior" varchar(20),
	"matricula_inmobiliaria" varchar(40),
	"direccion" text,
	"destino_letra" varchar(2) NOT NULL,
	"destino_ladm" varchar(60),
	"estrato" smallint,
	"area_terreno_m2" numeric(14, 2),
	"area_construida_m2" numeric(14, 2),
	"barrio_code" varchar(40),
	"comuna_code" varchar(40),
	"longitud" numeric(9, 6),
	"latitud" numeric(9, 6),
	"registro" jsonb NOT NULL,
	"estado" varchar(10) DEFAULT 'activo' NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"last_import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "predio_avaluo" (
	"predio_id" uuid NOT NULL,
	"vigencia" smallint NOT NULL,
	"avaluo" bigint NOT NULL,
	"fecha" date,
	"actualizado" boolean DEFAULT false NOT NULL,
	"import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "predio_avaluo_predio_id_vigencia_pk" PRIMARY KEY("predio_id","vigencia")
);
--> statement-breakpoint
CREATE TABLE "predio_titular" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"predio_id" uuid NOT NULL,
	"calidad" varchar(12),
	"document_type" varchar(4),
	"document_number" varchar(20),
	"nombre" text,
	"participacion_numerador" integer,
	"participacion_denominador" integer
);
--> statement-breakpoint
ALTER TABLE "cadastre_import" ADD CONSTRAINT "cadastre_import_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predio" ADD CONSTRAINT "predio_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predio" ADD CONSTRAINT "predio_last_import_id_cadastre_import_id_fk" FOREIGN KEY ("last_import_id") REFERENCES "public"."cadastre_import"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predio_avaluo" ADD CONSTRAINT "predio_avaluo_predio_id_predio_id_fk" FOREIGN KEY ("predio_id") REFERENCES "public"."predio"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predio_avaluo" ADD CONSTRAINT "predio_avaluo_import_id_cadastre_import_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."cadastre_import"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predio_titular" ADD CONSTRAINT "predio_titular_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predio_titular" ADD CONSTRAINT "predio_titular_predio_id_predio_id_fk" FOREIGN KEY ("predio_id") REFERENCES "public"."predio"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cadastre_import_applied_uq" ON "cadastre_import" USING btree ("tenant_id","sha256") WHERE estado = 'aplicada';--> statement-breakpoint
CREATE UNIQUE INDEX "predio_npn_uq" ON "predio" USING btree ("tenant_id","numero_predial") WHERE numero_predial is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "predio_anterior_uq" ON "predio" USING btree ("tenant_id","numero_predial_anterior") WHERE numero_predial_anterior is not null;--> statement-breakpoint
CREATE INDEX "predio_barrio_idx" ON "predio" USING btree ("tenant_id","barrio_code");--> statement-breakpoint
CREATE INDEX "predio_comuna_idx" ON "predio" USING btree ("tenant_id","comuna_code");--> statement-breakpoint
CREATE INDEX "predio_titular_predio_idx" ON "predio_titular" USING btree ("predio_id");--> statement-breakpoint
CREATE INDEX "predio_titular_documento_idx" ON "predio_titular" USING btree ("tenant_id","document_type","document_number");