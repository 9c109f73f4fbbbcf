-- A second source schema, as another team's project has it: the metrics contract's relations
-- (section 1) over base tables with other names and other columns, whose views compute their
-- columns. Declared in PhoneAgentSources.swift; the whole suite runs on it as on supabase/emulation.
CREATE TABLE public.accounts (
  account_id uuid PRIMARY KEY,
  default_time_zone text
);

CREATE TABLE public.locations (
  location_id uuid PRIMARY KEY,
  account_id uuid NOT NULL,
  time_zone text
);

-- A call as the telephony provider reports it: a status in any case and spacing, NULL until the
-- call is classified, and no status at all while it lasts.
CREATE TABLE public.phone_calls (
  call_sid text PRIMARY KEY,
  restaurant_id uuid,
  raw_status text,
  answered_at timestamptz,
  ended_at timestamptz,
  is_order boolean NOT NULL DEFAULT false,
  is_booking boolean NOT NULL DEFAULT false,
  tag text,
  caller text NOT NULL,
  recording_url text
);
CREATE INDEX phone_calls_restaurant_answered ON public.phone_calls (restaurant_id, answered_at);

-- A sale keeps its tenant; its restaurant is set NULL when the restaurant is deleted.
CREATE TABLE public.sales (
  sale_id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  restaurant_id uuid REFERENCES public.locations (location_id) ON DELETE SET NULL,
  amount double precision,
  placed_at timestamptz NOT NULL,
  channel text NOT NULL DEFAULT 'phone'
);
CREATE INDEX sales_tenant ON public.sales (tenant_id);

CREATE TABLE public.bookings (
  booking_id uuid PRIMARY KEY,
  restaurant_id uuid NOT NULL,
  party_size integer,
  spend_per_guest numeric(10,2),
  booked_at timestamptz NOT NULL,
  cancelled_at timestamptz,
  notes text
);

-- A call is in progress until it ends, then has its reported status, completed when none;
-- its type comes from the flags and the tag.
CREATE VIEW public.calls_v AS
SELECT c.call_sid AS id, l.account_id, c.restaurant_id AS location_id,
       CASE
         WHEN c.ended_at IS NULL THEN 'in_progress'
         ELSE COALESCE(NULLIF(lower(trim(c.raw_status)), ''), 'completed')
       END AS status,
       CASE
         WHEN c.is_order THEN 'order'
         WHEN c.is_booking THEN 'reservation'
         WHEN c.tag ILIKE '%catering%' THEN 'catering'
         ELSE 'general'
       END AS call_type,
       c.answered_at AS started_at
FROM public.phone_calls c
LEFT JOIN public.locations l ON l.location_id = c.restaurant_id;

CREATE VIEW public.orders_v AS
SELECT s.sale_id AS id, s.tenant_id AS account_id, s.restaurant_id AS location_id,
       COALESCE(s.amount, 0) AS total_amount, s.placed_at AS created_at
FROM public.sales s;

-- A cancelled booking is no reservation.
CREATE VIEW public.reservations_v AS
SELECT b.booking_id AS id, l.account_id, b.restaurant_id AS location_id,
       b.party_size AS guest_count, b.spend_per_guest AS avg_spend_per_head_override,
       b.booked_at AS created_at
FROM public.bookings b
LEFT JOIN public.locations l ON l.location_id = b.restaurant_id
WHERE b.cancelled_at IS NULL;

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

CREATE TABLE public.user_location_access (
  user_id uuid NOT NULL,
  location_id uuid NOT NULL,
  account_id uuid NOT NULL,
  PRIMARY KEY (user_id, location_id)
);
CREATE INDEX user_location_access_user_account ON public.user_location_access (user_id, account_id);
