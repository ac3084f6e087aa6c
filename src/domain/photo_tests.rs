use super::*;
use proptest::prelude::*;

const PRODUCT: &Rules = &Rules::PRODUCT;

/// Every encoding tried for a `width` × `height` photo that keeps coming
/// out at `bytes`, the first included.
fn tried(purpose: Purpose, width: u32, height: u32, bytes: u64) -> Vec<Encoding> {
    let mut encoding = Encoding::first(purpose, width, height);
    let mut tried = vec![encoding];
    while let Some(next) = next_encoding(purpose, width, height, encoding, bytes) {
        tried.push(next);
        encoding = next;
    }
    tried
}

#[test]
fn a_phone_photo_comes_down_to_1600_on_its_long_side_either_way_round() {
    assert_eq!(fit(4000, 3000, PRODUCT.max_long_side), (1600, 1200));
    assert_eq!(fit(3000, 4000, PRODUCT.max_long_side), (1200, 1600));
    assert_eq!(fit(4032, 3024, PRODUCT.max_long_side), (1600, 1200));
    assert_eq!(fit(1000, 700, 1600), (1000, 700), "never upscaled");
    assert_eq!(fit(20_000, 10, 1600), (1600, 1), "at least a pixel");
}

#[test]
fn a_product_photo_keeps_the_numbers_it_always_had() {
    assert_eq!(
        Rules::PRODUCT,
        Rules {
            min_short_side: 300,
            max_long_side: 1600,
            max_bytes: 400_000,
            qualities: &[82, 72, 62, 50],
            min_scaled_long_side: 640,
            min_scaled_short_side: 0,
        }
    );
}

#[test]
fn under_300_pixels_on_either_side_is_too_small_for_a_product() {
    assert!(too_small(Purpose::Product, 299, 2000));
    assert!(too_small(Purpose::Product, 2000, 299));
    assert!(!too_small(Purpose::Product, 300, 300));
}

#[test]
fn under_1000_pixels_across_is_too_small_for_a_paper() {
    assert!(too_small(Purpose::Paper, 1200, 900));
    assert!(too_small(Purpose::Paper, 900, 1200));
    assert!(!too_small(Purpose::Product, 1200, 900));
    assert!(!too_small(Purpose::Paper, 1000, 1000));
    assert!(!too_small(Purpose::Paper, 1333, 1000));
}

#[test]
fn quality_goes_down_first_then_the_size() {
    let tried = tried(Purpose::Product, 4000, 3000, 1_600_000);
    let qualities: Vec<u8> = tried.iter().map(|e| e.quality).collect();
    assert_eq!(&qualities[..4], PRODUCT.qualities);
    let sides: Vec<u32> = tried.iter().map(|e| e.long_side).collect();
    assert_eq!(sides, vec![1600, 1600, 1600, 1600, 800, 640]);
}

#[test]
fn a_paper_comes_down_to_2400_and_never_under_1000_across() {
    let tried = tried(Purpose::Paper, 4000, 3000, 20_000_000);
    let steps: Vec<(u32, u8)> = tried.iter().map(|e| (e.long_side, e.quality)).collect();
    assert_eq!(steps, vec![(2400, 88), (2400, 80), (2400, 72), (1333, 72)]);
    assert_eq!(fit(4000, 3000, 1333), (1333, 1000));
    assert_eq!(fit(3000, 4000, 1333), (1000, 1333), "upright too");
}

#[test]
fn a_paper_just_big_enough_is_not_scaled() {
    assert_eq!(tried(Purpose::Paper, 1333, 1000, 5_000_000).len(), 3);
    assert_eq!(Encoding::first(Purpose::Paper, 1600, 1200).long_side, 1600);
}

#[test]
fn a_long_paper_keeps_1000_pixels_across_rather_than_2400_long() {
    let first = Encoding::first(Purpose::Paper, 2000, 8000);
    assert_eq!(first.long_side, 3998);
    assert_eq!(fit(2000, 8000, first.long_side), (1000, 3998));
}

#[test]
fn a_little_too_heavy_takes_off_a_little() {
    let lowest = Encoding {
        long_side: 1600,
        quality: 50,
    };
    assert_eq!(
        next_encoding(Purpose::Product, 4000, 3000, lowest, 420_000),
        Some(Encoding {
            long_side: 1360,
            quality: 50
        })
    );
}

#[test]
fn a_small_photo_that_stays_heavy_has_nothing_left_to_try() {
    let small = Encoding {
        long_side: 500,
        quality: 50,
    };
    assert_eq!(
        next_encoding(Purpose::Product, 500, 400, small, 500_000),
        None
    );
}

#[test]
fn each_purposes_qualities_go_down() {
    for purpose in Purpose::ALL {
        let qualities = purpose.rules().qualities;
        assert!(qualities.windows(2).all(|pair| pair[0] > pair[1]));
        assert!(qualities.iter().all(|q| (1..=100).contains(q)));
    }
}

fn purpose() -> impl Strategy<Value = Purpose> {
    prop::sample::select(Purpose::ALL.to_vec())
}

proptest! {
    #[test]
    fn fit_keeps_within_the_long_side_and_the_aspect_ratio(
        width in 1u32..50_000, height in 1u32..50_000, long_side in 1u32..5_000
    ) {
        let (w, h) = fit(width, height, long_side);
        if width.max(height) > long_side {
            prop_assert_eq!(w.max(h), long_side);
        } else {
            prop_assert_eq!((w, h), (width, height), "never upscaled");
        }
        prop_assert!(w >= 1 && h >= 1);
        // Within a pixel: |w/h - width/height| in the short side's pixels.
        let long = u64::from(width.max(height));
        let error = (u64::from(w) * u64::from(height)).abs_diff(u64::from(h) * u64::from(width));
        prop_assert!(error <= long, "{width}x{height} -> {w}x{h}");
    }

    #[test]
    fn the_smallest_long_side_is_the_least_that_keeps_a_paper_readable(
        width in 1000u32..50_000, height in 1000u32..50_000
    ) {
        let least = smallest_long_side(Purpose::Paper, width, height);
        if least < width.max(height) {
            let (w, h) = fit(width, height, least);
            prop_assert!(w.min(h) >= 1000, "{width}x{height} at {least} -> {w}x{h}");
            let (w, h) = fit(width, height, least - 1);
            prop_assert!(w.min(h) < 1000, "{width}x{height} at {} -> {w}x{h}", least - 1);
        }
    }

    #[test]
    fn the_first_encoding_keeps_within_the_long_side_unless_text_would_be_lost(
        purpose in purpose(), width in 1u32..50_000, height in 1u32..50_000
    ) {
        prop_assume!(!too_small(purpose, width, height));
        let rules = purpose.rules();
        let first = Encoding::first(purpose, width, height);
        let (w, h) = fit(width, height, first.long_side);
        prop_assert!(
            w.max(h) <= rules.max_long_side
                || first.long_side == smallest_long_side(purpose, width, height),
            "{width}x{height} -> {w}x{h}"
        );
        prop_assert_eq!(first.quality, rules.qualities[0]);
    }

    #[test]
    fn each_next_encoding_is_lighter_ends_and_keeps_the_minimums(
        purpose in purpose(),
        width in 1u32..50_000,
        height in 1u32..50_000,
        over in 1u64..u64::MAX / 2,
    ) {
        let rules = purpose.rules();
        prop_assume!(!too_small(purpose, width, height));
        let bytes = rules.max_bytes + over;
        let tried = tried(purpose, width, height, bytes);
        let least = smallest_long_side(purpose, width, height).min(tried[0].long_side);
        for pair in tried.windows(2) {
            let (before, next) = (pair[0], pair[1]);
            prop_assert!(next.long_side <= before.long_side && next.quality <= before.quality);
            prop_assert!(next != before, "strictly lighter");
        }
        for encoding in &tried {
            prop_assert!(rules.qualities.contains(&encoding.quality));
            prop_assert!(encoding.long_side >= least);
            let (w, h) = fit(width, height, encoding.long_side);
            prop_assert!(w.min(h) >= rules.min_scaled_short_side, "{width}x{height} -> {w}x{h}");
        }
        // The lower qualities, then at most six cuts of 0.85 (1600 to 640,
        // or 2400 to the 1000 px a square paper keeps across).
        prop_assert!(tried.len() <= rules.qualities.len() + 6, "{} tried", tried.len());
    }
}
