"""A budget year in a URL: four digits from 1900 to 2999, so that no date of year 0 or 10000 is ever built."""
FIRST_YEAR, LAST_YEAR = 1900, 2999


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(value)  # Django then tries the next pattern, and finally answers 404
        return year

    def to_url(self, value) -> str:
        return f"{int(value):04d}"
