import type { Rng } from '../../../src/core/numerics/prng';

export type Align = 'left' | 'right' | 'center';

/** One run of text: what a line-level detector sees as one box. */
export interface Segment {
  text: string;
  align: Align;
}

/**
 * A row of the receipt. Text rows hold one or two segments (an item's name on the left,
 * its price on the right: two boxes, as PP-OCR finds them); the others are non-text marks
 * or vertical space.
 */
export type TextKind = 'title' | 'text' | 'item' | 'total';

export type Row =
  | { kind: TextKind; segments: Segment[] }
  | { kind: 'gap' }
  | { kind: 'rule' }
  | { kind: 'barcode' };

const SHOPS = ['FRESH MART', 'Corner Bakery', 'CITY PHARMACY', 'Green Grocer', 'CAFE LUNA', 'Hardware Plus', 'BOOK NOOK', 'Noodle House', 'SUPERSAVE', 'Petit Bistro', 'QUICK STOP', 'Harbor Fish Co.'];
const STREETS = ['Main St', 'Oak Avenue', 'Station Rd', 'Market Square', 'Elm Street', 'River Lane', 'High St', 'Park Blvd'];
const CITIES = ['Springfield', 'Riverton', 'Lakeside', 'Fairview', 'Milton', 'Ashford', 'Greenville'];
const ITEMS = ['Milk 1L', 'Whole Wheat Bread', 'Eggs x12', 'Bananas', 'Coffee Beans 250g', 'Orange Juice', 'Cheddar Cheese', 'Tomatoes', 'Pasta 500g', 'Olive Oil', 'Croissant', 'Espresso', 'Cappuccino', 'Green Tea', 'Chocolate Bar', 'Yogurt', 'Apples 1kg', 'Rice 2kg', 'Paracetamol', 'Toothpaste', 'Shampoo', 'Batteries AA', 'Light Bulb', 'Notebook A5', 'Ball Pen', 'Ramen Bowl', 'Dumplings (6)', 'Iced Latte', 'Bagel', 'Sparkling Water', 'Screws M4 x20', 'Paint Brush', 'Sandwich', 'Salad Bowl', 'Muffin', 'Soup of the Day'];
const PAYMENTS = ['CARD', 'VISA', 'CASH', 'MASTERCARD', 'DEBIT'];
const FOOTERS = ['THANK YOU!', 'Thank you for shopping with us', 'Please come again', 'Keep this receipt for returns', 'Have a nice day!'];

const money = (cents: number): string => (cents / 100).toFixed(2);
const pad2 = (n: number): string => String(n).padStart(2, '0');
const left = (text: string): Segment => ({ text, align: 'left' });
const right = (text: string): Segment => ({ text, align: 'right' });
const center = (text: string): Segment => ({ text, align: 'center' });

/** The rows of one receipt, top to bottom; `items` purchase lines between header and totals. */
export function receiptRows(rng: Rng, items: number): Row[] {
  const rows: Row[] = [
    { kind: 'title', segments: [center(rng.pick(SHOPS))] },
    { kind: 'text', segments: [center(`${rng.int(1, 999)} ${rng.pick(STREETS)}, ${rng.pick(CITIES)}`)] },
    { kind: 'text', segments: [center(`Tel ${rng.int(100, 999)}-${rng.int(100, 999)}-${rng.int(1000, 9999)}`)] },
    { kind: 'gap' },
    {
      kind: 'text',
      segments: [left(`${rng.int(2019, 2025)}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))} ${pad2(rng.int(7, 22))}:${pad2(rng.int(0, 59))}`), right(`No. ${rng.int(1000, 99999)}`)],
    },
    { kind: 'rule' },
  ];
  let subtotal = 0;
  for (let i = 0; i < items; i++) {
    const qty = rng.chance(0.25) ? rng.int(2, 5) : 1;
    const unit = rng.int(45, 2999);
    subtotal += qty * unit;
    const name = rng.pick(ITEMS);
    rows.push({ kind: 'item', segments: [left(qty > 1 ? `${qty} x ${name}` : name), right(money(qty * unit))] });
    if (rng.chance(0.08)) rows.push({ kind: 'gap' });
  }
  const taxRate = rng.pick([5, 7, 8, 10, 20]);
  const tax = Math.round((subtotal * taxRate) / 100);
  const paid = rng.pick(PAYMENTS);
  rows.push(
    { kind: 'rule' },
    { kind: 'text', segments: [left('SUBTOTAL'), right(money(subtotal))] },
    { kind: 'text', segments: [left(`TAX ${taxRate}%`), right(money(tax))] },
    { kind: 'total', segments: [left('TOTAL'), right(money(subtotal + tax))] },
    { kind: 'gap' },
    { kind: 'text', segments: [left(paid === 'CASH' ? 'CASH' : `${paid} ****${rng.int(1000, 9999)}`), right(money(subtotal + tax))] },
    { kind: 'gap' },
    { kind: 'text', segments: [center(rng.pick(FOOTERS))] },
  );
  if (rng.chance(0.5)) rows.push({ kind: 'barcode' });
  return rows;
}
