// How English names a source: whether two attributions name different sources (relate's attribution_differs,
// quotes' speakers).
import { attributionDiffers, sameSource } from '../../../lang/en/sources.js'

describe('attributionDiffers, sameSource', () => {
  it('sees a role and a name, or a body and one of its people, as no difference; two names or named against anonymous as one', () => {
    expect([
      attributionDiffers('mayor', 'Diane Whitlock'),
      attributionDiffers('city officials', 'Samuel Ortega'),
      attributionDiffers('Kremlin', 'White House'),
      attributionDiffers('Kremlin', 'administration official familiar with the planning'),
      attributionDiffers('Samuel Ortega', 'Ortega'),
    ]).toEqual([false, false, true, true, false])
    expect([sameSource('Ortega', 'Dr. Samuel Ortega'), sameSource('Kremlin', 'White House')]).toEqual([true, false])
    // An initialism with dots names the source it names without them (NYT style against the others').
    expect([sameSource('The I.R.S.', 'the IRS'), sameSource('F.B.I. officials', 'FBI officials'), sameSource('the I.R.S.', 'the F.B.I.')]).toEqual([true, true, false])
    expect(attributionDiffers('the I.R.S.', 'the IRS')).toBe(false)
    // One institution under two names; generic words ("Department", "House") name none.
    expect([sameSource('Treasury Department and the Internal Revenue Service', 'U.S. Department of the Treasury'), sameSource('White House', 'House Republicans')]).toEqual([true, false])
  })
})
