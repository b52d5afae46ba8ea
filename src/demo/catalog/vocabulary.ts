/**
 * Word lists for the generated demo shop. Everything here is invented, so the catalog is licence-clean.
 * Each department has a few categories; each category names the product nouns it sells.
 */
export const DEPARTMENTS: Record<string, Record<string, string[]>> = {
  Kitchen: {
    Cookware: ['Frying Pan', 'Saucepan', 'Dutch Oven', 'Wok', 'Stock Pot'],
    Coffee: ['Pour-Over Kettle', 'Burr Grinder', 'French Press', 'Espresso Cups', 'Milk Frother'],
    Tableware: ['Dinner Plates', 'Salad Bowls', 'Serving Platter', 'Mug Set', 'Tumblers'],
  },
  Outdoors: {
    Camping: ['Tent', 'Sleeping Bag', 'Camp Stove', 'Lantern', 'Sleeping Pad'],
    Hiking: ['Daypack', 'Trekking Poles', 'Water Bottle', 'Trail Map Case', 'Rain Shell'],
    Cycling: ['Bike Light', 'Saddle Bag', 'Helmet', 'Bike Lock', 'Cycling Gloves'],
  },
  Beauty: {
    'Skin Care': ['Face Serum', 'Moisturiser', 'Cleansing Balm', 'Sun Cream', 'Eye Cream'],
    'Hair Care': ['Shampoo', 'Conditioner', 'Hair Oil', 'Wide-Tooth Comb', 'Hair Mask'],
    Fragrance: ['Eau de Parfum', 'Body Mist', 'Scented Candle', 'Solid Perfume', 'Room Spray'],
  },
  Electronics: {
    Audio: ['Headphones', 'Bluetooth Speaker', 'Earbuds', 'Turntable', 'Soundbar'],
    Computing: ['Keyboard', 'Mouse', 'USB-C Hub', 'Laptop Stand', 'Webcam'],
    'Smart Home': ['Smart Plug', 'Thermostat', 'Motion Sensor', 'Smart Bulb', 'Door Sensor'],
  },
  Home: {
    Bedding: ['Duvet Cover', 'Pillow', 'Throw Blanket', 'Fitted Sheet', 'Weighted Blanket'],
    Lighting: ['Desk Lamp', 'Floor Lamp', 'Pendant Light', 'String Lights', 'Reading Light'],
    Storage: ['Storage Basket', 'Shoe Rack', 'Drawer Organiser', 'Wall Shelf', 'Laundry Hamper'],
  },
  Toys: {
    Puzzles: ['Jigsaw Puzzle', 'Puzzle Cube', 'Brain Teaser', 'Floor Puzzle', 'Wooden Puzzle'],
    Building: ['Block Set', 'Marble Run', 'Magnetic Tiles', 'Gear Kit', 'Robot Kit'],
    Games: ['Board Game', 'Card Game', 'Dice Set', 'Strategy Game', 'Party Game'],
  },
};

/** Shops (sellers/brands), each with a home department they mostly sell in. */
export const SHOPS: { name: string; departments: string[] }[] = [
  { name: 'Northfield Kitchen Co.', departments: ['Kitchen', 'Home'] },
  { name: 'Copperleaf', departments: ['Kitchen'] },
  { name: 'Ridgeline Outfitters', departments: ['Outdoors'] },
  { name: 'Trailwise', departments: ['Outdoors', 'Electronics'] },
  { name: 'Velo Atelier', departments: ['Outdoors'] },
  { name: 'Lumen & Co.', departments: ['Home', 'Electronics'] },
  { name: 'Saltmarsh Botanics', departments: ['Beauty'] },
  { name: 'Petal Theory', departments: ['Beauty', 'Home'] },
  { name: 'Circuit Garden', departments: ['Electronics'] },
  { name: 'Quiet Hour Audio', departments: ['Electronics'] },
  { name: 'Linen Harbour', departments: ['Home'] },
  { name: 'Tinker Owl', departments: ['Toys'] },
  { name: 'Meeple Street', departments: ['Toys'] },
  { name: 'Brightwood Toys', departments: ['Toys', 'Home'] },
];

export const ADJECTIVES = ['Classic', 'Compact', 'Everyday', 'Pro', 'Lightweight', 'Deluxe', 'Essential', 'Travel', 'Heritage', 'Studio', 'Eco', 'Ultra'];
export const MATERIALS = ['Oak', 'Cast Iron', 'Linen', 'Recycled', 'Ceramic', 'Aluminium', 'Bamboo', 'Wool', 'Glass', 'Cotton', 'Steel', 'Walnut'];
export const COLOURS = ['Sage', 'Charcoal', 'Terracotta', 'Ivory', 'Ocean', 'Mustard', 'Plum', 'Forest', 'Sand', 'Coral'];
