import { InputNumber, type InputNumberProps } from 'antd';

/** Reads "15,5" and "15.5" alike (Vietnamese users type a comma); shows the comma. */
export const parseDecimal = (text: string | undefined): number => Number((text ?? '').replace(/\s/g, '').replace(',', '.'));

/**
 * A number input for points and rates: the Vietnamese decimal comma, the maximum in its label by the
 * caller. Every decimal input of the product goes through it.
 */
export function DecimalInput(props: InputNumberProps<number>) {
  return <InputNumber<number> decimalSeparator="," parser={parseDecimal} {...props} />;
}
