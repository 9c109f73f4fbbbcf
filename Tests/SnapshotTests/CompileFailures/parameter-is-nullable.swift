// expect: cannot convert return expression of type 'SQLExpression<PG.UUID, Nullable>' to return type 'SQLExpression<PG.UUID, NotNull>'
// A caller may pass NULL for any parameter, so a parameter reads as nullable.
import SQLBuilder

struct Range: FunctionParameters {
  let shop = Parameter<PG.UUID>("p_shop")
}
func body(_ args: Arguments<Range>) -> SQLExpression<PG.UUID, NotNull> { args.shop }
