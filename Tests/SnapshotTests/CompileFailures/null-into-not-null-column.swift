// expect: referencing instance method 'callAsFunction' on 'ColumnSetter' requires the types 'NotNull' and 'Nullable' be equivalent
// NULL fills nullable columns only.
import SQLBuilder

let query = shops { s, q, out in
  out.visits(.null)
}
