CREATE TABLE "territory_address_point" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"layer_id" uuid NOT NULL,
	"municipio" varchar(5) NOT NULL,
	"canonical" varchar(80) NOT NULL,
	"address" text NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "territory_block" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"layer_id" uuid NOT NULL,
	"municipio" varchar(5) NOT NULL,
	"code" varchar(40) NOT NULL,
	"geometry" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "territory_geocode_cache" (
	"provider" varchar(16) NOT NULL,
	"query_key" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "territory_layer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"type" varchar(16) NOT NULL,
	"municipio" varchar(5) NOT NULL,
	"file_name" text NOT NULL,
	"source" text,
	"source_srid" integer NOT NULL,
	"features" integer NOT NULL,
	"skipped" integer NOT NULL,
	"problems" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "territory_street_segment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"layer_id" uuid NOT NULL,
	"municipio" varchar(5) NOT NULL,
	"street_key" varchar(60) NOT NULL,
	"name" text NOT NULL,
	"coordinates" jsonb NOT NULL,
	"min_lon" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lon" double precision NOT NULL,
	"max_lat" double precision NOT NULL
);
--> statement-breakpoint
ALTER TABLE "territory_area" ADD COLUMN "municipio" varchar(5);--> statement-breakpoint
-- Areas loaded before layers existed belong to their tenant's own municipality.
UPDATE "territory_area" SET "municipio" = "tenant"."divipola" FROM "tenant" WHERE "tenant"."id" = "territory_area"."tenant_id";--> statement-breakpoint
ALTER TABLE "territory_address_point" ADD CONSTRAINT "territory_address_point_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory_address_point" ADD CONSTRAINT "territory_address_point_layer_id_territory_layer_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."territory_layer"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory_block" ADD CONSTRAINT "territory_block_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory_block" ADD CONSTRAINT "territory_block_layer_id_territory_layer_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."territory_layer"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory_layer" ADD CONSTRAINT "territory_layer_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory_street_segment" ADD CONSTRAINT "territory_street_segment_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory_street_segment" ADD CONSTRAINT "territory_street_segment_layer_id_territory_layer_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."territory_layer"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "territory_address_point_uq" ON "territory_address_point" USING btree ("tenant_id","municipio","canonical");--> statement-breakpoint
CREATE INDEX "territory_block_tenant_idx" ON "territory_block" USING btree ("tenant_id","municipio");--> statement-breakpoint
CREATE UNIQUE INDEX "territory_geocode_cache_uq" ON "territory_geocode_cache" USING btree ("provider","query_key");--> statement-breakpoint
CREATE INDEX "territory_layer_tenant_idx" ON "territory_layer" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "territory_street_segment_key_idx" ON "territory_street_segment" USING btree ("tenant_id","municipio","street_key");