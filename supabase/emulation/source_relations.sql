-- The source relations of the metrics contract, section 1, as earlier stories define them (Story
-- 1.1), but the base tables behind the fact views and the views (Story 1.2): fact_sources.sql,
-- generated from their declarations, creates those after this file. Only the columns the metrics
-- read; a real project has more. Facts reference locations without foreign keys, so tests can
-- leave a fact's location missing, as a deleted location leaves it.
CREATE TABLE public.accounts (
  account_id uuid PRIMARY KEY,
  default_time_zone text
);

CREATE TABLE public.locations (
  location_id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  time_zone text
);

CREATE TABLE public.account_settings (
  account_id uuid PRIMARY KEY,
  minutes_saved_baseline_seconds integer NOT NULL DEFAULT 120,
  revenue_mode text NOT NULL DEFAULT 'orders_only'
    CHECK (revenue_mode IN ('orders_only', 'orders_plus_res_estimate')),
  avg_spend_per_head numeric(10,2)
);

CREATE TABLE public.location_settings (
  location_id uuid PRIMARY KEY,
  minutes_saved_baseline_seconds integer,
  avg_spend_per_head numeric(10,2)
);

-- Which locations a signed-in user may see (an earlier story's table).
CREATE TABLE public.user_location_access (
  user_id uuid NOT NULL,
  location_id uuid NOT NULL,
  account_id uuid NOT NULL,
  PRIMARY KEY (user_id, location_id)
);
CREATE INDEX user_location_access_user_account ON public.user_location_access (user_id, account_id);
