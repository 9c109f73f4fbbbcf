-- The source relations of the metrics contract, section 1, as earlier stories define them:
-- tables (Story 1.1), and the views over them the metrics read (Story 1.2). Only the columns the
-- metrics read; a real project has more. Facts reference locations without foreign keys here, so
-- tests can leave a fact's location missing, as a deleted location leaves it.
CREATE TABLE public.accounts (
  account_id uuid PRIMARY KEY,
  default_time_zone text
);

CREATE TABLE public.locations (
  location_id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  time_zone text
);

CREATE TABLE public.calls (
  id text PRIMARY KEY,
  location_id uuid,
  status text NOT NULL,
  call_type text NOT NULL,
  started_at timestamptz
);

CREATE TABLE public.orders (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  location_id uuid,
  total_amount double precision,
  created_at timestamptz NOT NULL
);

CREATE TABLE public.reservations (
  id uuid PRIMARY KEY,
  location_id uuid NOT NULL,
  guest_count integer,
  avg_spend_per_head_override numeric(10,2),
  created_at timestamptz NOT NULL
);

-- A call belongs to its location's account: without a location, or once it is deleted, to none.
CREATE VIEW public.calls_v AS
SELECT c.id, l.account_id, c.location_id, c.status, c.call_type, c.started_at
FROM public.calls c
LEFT JOIN public.locations l ON l.location_id = c.location_id;

-- An order keeps its own account; its location reads NULL once the location is deleted.
CREATE VIEW public.orders_v AS
SELECT o.id, o.account_id, l.location_id, COALESCE(o.total_amount, 0) AS total_amount, o.created_at
FROM public.orders o
LEFT JOIN public.locations l ON l.location_id = o.location_id;

-- A reservation belongs to its location's account.
CREATE VIEW public.reservations_v AS
SELECT r.id, l.account_id, r.location_id, r.guest_count, r.avg_spend_per_head_override, r.created_at
FROM public.reservations r
LEFT JOIN public.locations l ON l.location_id = r.location_id;

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
