CREATE OR REPLACE FUNCTION shop.refresh_customer_totals()
RETURNS void
AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock(42) THEN
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_class k WHERE k.relispopulated) THEN
    REFRESH MATERIALIZED VIEW CONCURRENTLY shop.customer_totals;
  ELSE
    PERFORM pg_try_advisory_xact_lock(7);
  END IF;
END;
$$
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = '';

REVOKE ALL ON FUNCTION shop.refresh_customer_totals() FROM PUBLIC, anon, authenticated;

GRANT EXECUTE ON FUNCTION shop.refresh_customer_totals() TO service_role;

GRANT SELECT ON TABLE shop.customer_totals TO service_role, "Reporting Team";

SELECT cron.schedule('refresh-customer-totals', '0 3 * * 1-5', 'SELECT shop.refresh_customer_totals();');

SELECT cron.schedule('refresh-now', '*/10 * * * *', 'REFRESH MATERIALIZED VIEW shop.customer_totals;');

COMMENT ON FUNCTION shop.refresh_customer_totals() IS 'Refreshes shop.customer_totals.';
