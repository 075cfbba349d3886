/** A plain page until the resident web chat lands (see the web chat issue). */
export const placeholderPage = (): string => `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lotsen – Ekerö kommun</title>
</head>
<body>
<main>
<h1>Lotsen</h1>
<p>Ekerö kommuns väg in för föreningar, volontärer och dig som stöttar en närstående.</p>
<p>Vid akut fara: ring 112.</p>
<p>Tjänsten är igång. Chatten för invånare öppnas här.</p>
</main>
</body>
</html>
`;
