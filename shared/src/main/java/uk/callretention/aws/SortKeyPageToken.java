package uk.callretention.aws;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import uk.callretention.access.AccessCatalogue.InvalidPageTokenException;

/**
 * A page token that is the index sort key of a page's last item, base64url: opaque to the caller, and taken back only
 * in the exact shape the index writes, so a token made by hand cannot start a query anywhere else in the partition. The
 * partition (the council) always comes from the request, never from the token.
 */
final class SortKeyPageToken {

    private SortKeyPageToken() {
    }

    static String of(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidPageTokenException when the token is not base64url of a key of that shape */
    static String sortKey(String token, Pattern shape) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (shape.matcher(key).matches()) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // answered below, like any other token the list did not give
        }
        throw new InvalidPageTokenException();
    }
}
