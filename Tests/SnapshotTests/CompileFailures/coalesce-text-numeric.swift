// expect: cannot convert value of type 'Expression<PG.Numeric, Nullable>' to expected argument type 'Expression<PG.Text, Nullable>'
// COALESCE of text and numeric: PostgreSQL rejects it, so the DSL does not compile it.
import SQLBuilder

let mixed = coalesce(s.name, s.spend)
