/** One reason a row of an uploaded table was refused: its number in the file, the column, a Vietnamese sentence. */
export interface RowError {
  row: number;
  field: string;
  message: string;
}
