BEGIN;

-- Two lines
-- of comment.
DROP MATERIALIZED VIEW IF EXISTS shop.customer_totals;

GRANT SELECT ON TABLE shop.customer_totals TO service_role;

COMMIT;
