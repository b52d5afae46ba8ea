/**
 * Attributes for the demo's shop and coupon widgets. The embed's vocabulary (src/dom/attributes.ts) has no
 * names for shops or coupons yet (issue 12 adds those widget types); these move there once it does.
 */
export const ATTR_SHOP = 'data-reshelf-shop';
export const ATTR_COUPON = 'data-reshelf-coupon';
