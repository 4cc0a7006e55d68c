"""The language packs on small realistic articles: chrome goes by the expected
rule, every story paragraph stays, the byline's authors reach the metadata."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cleaner import Cleaner

RULES = ["typography", "news", "chrome", "en", "de", "fr", "es", "it", "pt", "pl"]


@dataclass(frozen=True)
class Case:
    lang: str
    title: str
    byline: str
    authors: list[str]
    paragraphs: list[str]
    insert: str  # a read-also insert placed mid-story
    share: str
    newsletter: str
    related: list[str]  # heading, then the list
    comments: list[str]  # heading, then the form's notice


CASES = [
    Case(
        lang="de",
        title="Stadtrat beschließt neues Verkehrskonzept für die Innenstadt",
        byline="Von Anna-Lena Müller und Peter Schmidt",
        authors=["Anna-Lena Müller", "Peter Schmidt"],
        paragraphs=[
            "Der Stadtrat hat am Dienstagabend mit knapper Mehrheit ein neues Verkehrskonzept für die Innenstadt beschlossen. Künftig sollen Autos aus dem historischen Kern weitgehend verbannt werden.",
            "Kommentare des Oberbürgermeisters sorgten in der Sitzung für Unmut bei der Opposition. Er hatte die Kritiker zuvor als „ewig Gestrige“ bezeichnet und sich später dafür entschuldigt.",
            "Nach Angaben der Verwaltung kostet der Umbau rund 40 Millionen Euro. Ein Teil davon soll aus Fördermitteln des Bundes kommen, den Rest trägt die Stadt über mehrere Jahre.",
            "Händler in der Fußgängerzone reagierten gespalten. Während einige mehr Laufkundschaft erwarten, fürchten andere, dass Kunden aus dem Umland lieber in die Einkaufszentren am Stadtrand fahren.",
            "Mehr zum Thema Parken soll der Stadtrat im Herbst beraten, kündigte die Verwaltung an. Dann geht es um neue Parkhäuser am Rand der Altstadt und um die Gebühren für Anwohner.",
            "Die ersten Bauarbeiten sollen im kommenden Frühjahr beginnen. Bis dahin will die Stadt die Pläne in mehreren Bürgerversammlungen vorstellen und Anregungen der Bürger sammeln.",
        ],
        insert="Lesen Sie auch: Warum die Mieten in der Innenstadt weiter steigen",
        share="Artikel teilen",
        newsletter="Jetzt kostenlos für den Newsletter anmelden",
        related=["Das könnte Sie auch interessieren", "Radwege: Wie sicher ist die neue Route am Ring?", "Busse: Neue Linie verbindet Bahnhof und Klinikum"],
        comments=["Schreibe einen Kommentar Antworten abbrechen", "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert"],
    ),
    Case(
        lang="fr",
        title="Le conseil municipal adopte un nouveau plan de circulation",
        byline="Par Jean Dupont et Marie-Claire Martin",
        authors=["Jean Dupont", "Marie-Claire Martin"],
        paragraphs=[
            "Le conseil municipal a adopté mardi soir, à une courte majorité, un nouveau plan de circulation pour le centre-ville. Les voitures seront en grande partie bannies du cœur historique.",
            "Les commentaires du maire ont provoqué la colère de l'opposition pendant la séance. Il avait qualifié ses détracteurs de « nostalgiques » avant de présenter ses excuses.",
            "Selon la municipalité, les travaux coûteront environ 40 millions d'euros. Une partie sera financée par l'État, le reste sera étalé sur plusieurs budgets de la ville.",
            "Les commerçants du centre sont partagés. Certains espèrent davantage de passage, d'autres craignent que les clients des environs préfèrent les centres commerciaux de la périphérie.",
            "Sur le même sujet, le conseil débattra à l'automne du stationnement, a annoncé l'adjoint aux transports. Il sera question de nouveaux parkings et du tarif pour les riverains.",
            "Les premiers travaux doivent commencer au printemps prochain. D'ici là, la ville présentera le projet lors de plusieurs réunions publiques afin de recueillir l'avis des habitants.",
        ],
        insert="À lire aussi : Pourquoi les loyers continuent d'augmenter en centre-ville",
        share="Partager cet article",
        newsletter="Inscrivez-vous à notre newsletter pour recevoir l'essentiel de l'actualité",
        related=["Sur le même sujet", "Pistes cyclables : le nouveau tracé est-il sûr ?", "Bus : une nouvelle ligne relie la gare à l'hôpital"],
        comments=["Laisser un commentaire Annuler la réponse", "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *"],
    ),
    Case(
        lang="es",
        title="El Ayuntamiento aprueba un nuevo plan de movilidad para el centro",
        byline="Por María López y José García",
        authors=["María López", "José García"],
        paragraphs=[
            "El pleno del Ayuntamiento aprobó el martes por la noche, por una estrecha mayoría, un nuevo plan de movilidad para el centro. Los coches quedarán prácticamente fuera del casco histórico.",
            "Los comentarios del alcalde provocaron el enfado de la oposición durante la sesión. Había calificado a sus críticos de «nostálgicos» y después pidió disculpas públicamente.",
            "Según el consistorio, las obras costarán unos 40 millones de euros. Una parte llegará de fondos del Estado y el resto se repartirá entre varios presupuestos municipales.",
            "Los comerciantes del centro están divididos. Algunos esperan más clientes a pie, mientras otros temen que los vecinos de la periferia prefieran los centros comerciales de las afueras.",
            "Compartir coche será una de las opciones que el Ayuntamiento quiere fomentar, explicó la concejala de Movilidad, que anunció ayudas para las empresas que lo promuevan.",
            "Las primeras obras comenzarán la próxima primavera. Hasta entonces, el Ayuntamiento presentará el proyecto en varias reuniones vecinales para recoger sugerencias de los ciudadanos.",
        ],
        insert="Lee también: Por qué los alquileres siguen subiendo en el centro",
        share="Compartir en Facebook",
        newsletter="Suscríbete a nuestro boletín y recibe las noticias más importantes",
        related=["Noticias relacionadas", "Carriles bici: ¿es seguro el nuevo trazado?", "Autobuses: una nueva línea une la estación y el hospital"],
        comments=["Deja un comentario Cancelar respuesta", "Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *"],
    ),
    Case(
        lang="it",
        title="Il consiglio comunale approva il nuovo piano del traffico",
        byline="di Giulia Bianchi e Luca Verdi",
        authors=["Giulia Bianchi", "Luca Verdi"],
        paragraphs=[
            "Il consiglio comunale ha approvato martedì sera, con una maggioranza risicata, il nuovo piano del traffico per il centro. Le auto saranno quasi del tutto escluse dal centro storico.",
            "I commenti del sindaco hanno irritato l'opposizione durante la seduta. Aveva definito i suoi critici «nostalgici» e poi si è scusato davanti all'aula.",
            "Secondo il Comune, i lavori costeranno circa 40 milioni di euro. Una parte arriverà da fondi statali, il resto sarà distribuito su diversi bilanci comunali nei prossimi anni.",
            "I commercianti del centro sono divisi. Alcuni sperano in più clienti a piedi, altri temono che gli abitanti della periferia preferiscano i centri commerciali fuori città.",
            "Leggi anche tu il piano, ha detto l'assessore ai cittadini, invitandoli a consultare i documenti pubblicati sul sito del Comune prima delle assemblee di quartiere.",
            "I primi lavori inizieranno la prossima primavera. Fino ad allora il Comune presenterà il progetto in diverse assemblee pubbliche per raccogliere le proposte dei residenti.",
        ],
        insert="Leggi anche: Perché gli affitti continuano a salire in centro",
        share="Condividi su WhatsApp",
        newsletter="Iscriviti alla nostra newsletter per ricevere le notizie del giorno",
        related=["Articoli correlati", "Piste ciclabili: il nuovo percorso è sicuro?", "Autobus: una nuova linea collega stazione e ospedale"],
        comments=["Lascia un commento Annulla risposta", "Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono contrassegnati *"],
    ),
    Case(
        lang="pt",
        title="Câmara aprova novo plano de mobilidade para o centro",
        byline="Por Maria Souza e Pedro Santos",
        authors=["Maria Souza", "Pedro Santos"],
        paragraphs=[
            "A Câmara Municipal aprovou na terça-feira à noite, por estreita maioria, um novo plano de mobilidade para o centro. Os carros ficarão praticamente fora do centro histórico.",
            "Os comentários do prefeito irritaram a oposição durante a sessão. Ele tinha chamado os críticos de «saudosistas» e depois pediu desculpas publicamente aos vereadores.",
            "Segundo a prefeitura, as obras vão custar cerca de 40 milhões de reais. Uma parte virá de verbas federais e o restante será dividido entre vários orçamentos municipais.",
            "Os comerciantes do centro estão divididos. Alguns esperam mais clientes a pé, enquanto outros temem que os moradores da periferia prefiram os shoppings dos bairros afastados.",
            "Compartilhar carro será uma das opções incentivadas, explicou a secretária de Mobilidade, que anunciou incentivos para as empresas que promoverem a prática entre funcionários.",
            "As primeiras obras devem começar na próxima primavera. Até lá, a prefeitura vai apresentar o projeto em várias audiências públicas para recolher sugestões dos moradores.",
        ],
        insert="Leia também: Por que os aluguéis continuam subindo no centro",
        share="Compartilhe:",
        newsletter="Assine nossa newsletter e receba as principais notícias do dia",
        related=["Notícias relacionadas", "Ciclovias: o novo traçado é seguro?", "Ônibus: nova linha liga a estação ao hospital"],
        comments=["Deixe um comentário Cancelar resposta", "O seu endereço de email não será publicado. Campos obrigatórios são marcados com *"],
    ),
    Case(
        lang="pl",
        title="Rada miasta przyjęła nowy plan ruchu dla centrum",
        byline="Autor: Jan Kowalski",
        authors=["Jan Kowalski"],
        paragraphs=[
            "Rada miasta przyjęła we wtorek wieczorem niewielką większością głosów nowy plan ruchu dla centrum. Samochody zostaną niemal całkowicie wyłączone ze starego miasta.",
            "Komentarze prezydenta miasta wywołały oburzenie opozycji podczas sesji. Nazwał on krytyków „ludźmi przeszłości”, a następnie publicznie ich przeprosił.",
            "Według urzędu miasta przebudowa będzie kosztować około 40 milionów złotych. Część pieniędzy pochodzić będzie z funduszy unijnych, resztę miasto rozłoży na kilka lat.",
            "Handlowcy z deptaka są podzieleni. Jedni liczą na większy ruch pieszych, inni obawiają się, że klienci z okolicznych gmin wybiorą centra handlowe na obrzeżach.",
            "Zobacz też, jak głosowali radni, zachęcał rzecznik urzędu, który zapowiedział publikację imiennych wyników głosowania na stronie internetowej miasta jeszcze w tym tygodniu.",
            "Pierwsze prace mają ruszyć wiosną przyszłego roku. Do tego czasu miasto zamierza przedstawić projekt na kilku spotkaniach z mieszkańcami i zebrać ich uwagi.",
        ],
        insert="Czytaj też: Dlaczego czynsze w centrum wciąż rosną",
        share="Udostępnij na Facebooku",
        newsletter="Zapisz się na newsletter i otrzymuj najważniejsze informacje",
        related=["Powiązane artykuły", "Ścieżki rowerowe: czy nowa trasa jest bezpieczna?", "Autobusy: nowa linia połączy dworzec ze szpitalem"],
        comments=["Dodaj komentarz Anuluj pisanie odpowiedzi", "Twój adres e-mail nie zostanie opublikowany. Wymagane pola są oznaczone *"],
    ),
]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(rules=RULES, mode="article")


def _rule_of(doc, text: str) -> str | None:
    """Id of the rule whose removal holds ``text``."""
    for removal in doc.removed:
        if text in removal.text:
            return removal.rule
    return None


def _article(case: Case, tail: list[str]) -> str:
    p = case.paragraphs
    blocks = [case.title, case.byline, *p[:3], case.insert, *p[3:], case.share, case.newsletter, *tail]
    return "\n\n".join(blocks)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.lang)
def test_related_list_and_inserts(cleaner: Cleaner, case: Case) -> None:
    doc = cleaner.clean(_article(case, case.related))
    assert doc.metadata.language == case.lang
    for paragraph in case.paragraphs:
        assert paragraph in doc.text
    assert doc.metadata.authors == case.authors
    assert _rule_of(doc, case.byline) == f"{case.lang}.byline"
    assert _rule_of(doc, case.insert) == f"{case.lang}.read-insert"
    assert _rule_of(doc, case.share) == f"{case.lang}.share"
    assert _rule_of(doc, case.newsletter) == f"{case.lang}.newsletter"
    for line in case.related:
        assert _rule_of(doc, line) == f"{case.lang}.related"
        assert line not in doc.text.split("\n\n")
    assert not doc.warnings


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.lang)
def test_comment_form(cleaner: Cleaner, case: Case) -> None:
    doc = cleaner.clean(_article(case, case.comments))
    for paragraph in case.paragraphs:
        assert paragraph in doc.text
    heading, notice = case.comments
    assert _rule_of(doc, heading) == f"{case.lang}.comments"
    assert _rule_of(doc, notice) == f"{case.lang}.comments"
    # The notice goes on its own too, where no heading stands above it.
    alone = cleaner.clean(_article(case, [notice]))
    assert _rule_of(alone, notice) == f"{case.lang}.comment-notice"
    assert all(p in alone.text for p in case.paragraphs)


# A share or follow row: the pack's prompt followed only by network names.
SHARE_ROWS = {
    "de": ["Artikel teilen: Facebook Twitter WhatsApp E-Mail", "Folgen Sie uns auf: Facebook | Instagram"],
    "fr": ["Partager cet article : Facebook Twitter LinkedIn E-mail", "Suivez-nous sur : Facebook Instagram"],
    "es": ["Compartir: Facebook Twitter WhatsApp Correo electrónico", "Síguenos en: Facebook Instagram"],
    "it": ["Condividi: Facebook Twitter WhatsApp Email", "Seguici su: Facebook Instagram"],
    "pt": ["Compartilhe: Facebook Twitter WhatsApp E-mail", "Siga-nos: Facebook Instagram"],
    "pl": ["Udostępnij: Facebook Twitter Wykop E-mail", "Obserwuj nas: Facebook Instagram"],
}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.lang)
def test_share_rows(cleaner: Cleaner, case: Case) -> None:
    rows = SHARE_ROWS[case.lang]
    p = case.paragraphs
    doc = cleaner.clean("\n\n".join([case.title, *p[:3], rows[0], *p[3:], rows[1]]))
    for row in rows:
        assert _rule_of(doc, row) == f"{case.lang}.share-row"
    for paragraph in p:
        assert paragraph in doc.text
    assert not doc.warnings


def test_share_row_english(cleaner: Cleaner) -> None:
    paragraphs = [
        ("The city council approved a new budget on Tuesday after a debate that lasted well into "
         "the night, with members split over the cost of the new tram line."),
        ("Share prices of the companies bidding for the tram contract rose on the news, traders "
         "said, as investors bet on a decision before the end of the year."),
        ("The mayor said the plan was painful but necessary for the city's finances and promised "
         "a review of the spending in twelve months."),
    ]
    row = "Share this article: Facebook Twitter LinkedIn Email"
    doc = cleaner.clean("\n\n".join(["Council approves new budget", *paragraphs, row]))
    assert _rule_of(doc, row) == "en.share-row"
    assert all(p in doc.text for p in paragraphs)
