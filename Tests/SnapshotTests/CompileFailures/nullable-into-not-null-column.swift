// expect: cannot assign value of type 'Expression<PG.Numeric, Nullable>' to type 'Expression<PG.Numeric, NotNull>'
// A possibly-NULL expression cannot fill a column declared NOT NULL.
import SQLBuilder

let spend: Expression<PG.Numeric, NotNull> = s.spend
