//! The words and prose templates the synthetic content is made of.

// Vocabularies: items separated by `|`; `a=b` items hold two forms of one thing.
pub const JOBS: &str = "Responsable du développement commercial=developpement-commercial|\
    Gestionnaire de paie=gestion-paie|Chargé·e de projet numérique=projet-numerique|\
    Responsable logistique=logistique|Manager des ressources humaines=ressources-humaines|\
    Technicien·ne de maintenance industrielle=maintenance-industrielle|\
    Comptable gestionnaire=comptabilite|Développeur·se web et web mobile=developpement-web|\
    Assistant·e de direction=assistanat-direction|Chef·fe de projet événementiel=evenementiel|\
    Responsable qualité, sécurité, environnement=qse|Analyste de données=analyse-donnees|\
    Responsable d'exploitation en transport=exploitation-transport|Chef·fe de chantier=chantier";
pub const CERTIFIERS: &str = "CCI France|Ministère du Travail|Cnam|AFPA|Institut Meridia|\
    Groupe Éducatif Delta|Chambre de métiers et de l'artisanat|École Supérieure Vauban";
pub const THEMES: &str = "Analyse et diagnostic de l'activité|Pilotage des projets et des ressources|\
    Élaboration de la stratégie opérationnelle|Management et animation des équipes|\
    Développement de la relation client|Gestion administrative et financière|\
    Conduite de la démarche qualité et sécurité|Communication professionnelle et négociation|\
    Veille, innovation et amélioration continue|Mise en conformité réglementaire";
pub const ACTIONS: &str = "Préparation|Organisation|Pilotage|Analyse|Conception|Mise en œuvre|\
    Suivi|Évaluation|Animation|Coordination|Planification|Contrôle|Optimisation|Formalisation";
pub const VERBS: &str = "Analyser|Concevoir|Organiser|Piloter|Évaluer|Mettre en œuvre|Négocier|\
    Planifier|Rédiger|Animer|Coordonner|Contrôler|Déployer|Accompagner|Formaliser|Élaborer";
pub const OBJECTS: &str = "le plan d'actions=du plan d'actions|le budget=du budget prévisionnel|\
    les besoins des clients=des besoins des clients|la démarche qualité=de la démarche qualité|\
    les indicateurs de performance=des indicateurs de performance|le cahier des charges=du \
    cahier des charges|les risques du projet=des risques du projet|la veille réglementaire=de \
    la veille réglementaire|l'équipe opérationnelle=de l'équipe opérationnelle|les processus \
    internes=des processus internes|le tableau de bord d'activité=du tableau de bord d'activité|\
    le plan de formation=du plan de formation|le portefeuille clients=du portefeuille clients|\
    les actions de prospection=des actions de prospection|les achats=des achats et stocks";
pub const PURPOSES: &str = "afin de garantir l'atteinte des objectifs fixés par la direction|\
    en tenant compte des contraintes économiques et réglementaires|pour optimiser la \
    performance de la structure|dans le respect des règles d'hygiène, de sécurité et \
    d'environnement|en intégrant les enjeux de responsabilité sociétale|afin d'adapter l'offre \
    aux besoins identifiés|en mobilisant les outils numériques adaptés";
pub const LIST_ITEMS: &str = "en définissant les objectifs et le périmètre|en s'appuyant sur des \
    indicateurs mesurables|en tenant compte des publics en situation de handicap|en \
    identifiant les risques et les leviers d'action|en planifiant les étapes et les ressources";
// Criterion subjects, with their gender and number (m, f, mp, fp) for the agreement.
pub const SUBJECTS: &str = "m:Le diagnostic|f:La méthode retenue|mp:Les indicateurs de suivi|\
    fp:Les sources d'information|m:Le plan d'actions|f:La planification|mp:Les objectifs|\
    fp:Les ressources nécessaires|m:Le budget|f:La communication auprès de l'équipe|\
    mp:Les outils de pilotage|fp:Les actions correctives|f:La démarche proposée";
pub const PARTICIPLES: &str = "justifié|formalisé|adapté|argumenté|documenté|structuré|chiffré|\
    priorisé|partagé|identifié|pertinent|cohérent";
pub const COMPLEMENTS: &str = "au regard des objectifs fixés|en cohérence avec le contexte de \
    l'entreprise|dans le respect du cadre réglementaire|selon une méthode explicite|avec des \
    sources fiables et vérifiables|dans les délais impartis|et les écarts sont analysés";
pub const INDICATORS: &str = "les sources internes et externes sont suffisantes et complémentaires|\
    le choix des informations exploitées est justifié|les échéances sont réalistes et tenues|\
    les interlocuteurs concernés sont associés|les résultats sont comparés aux objectifs";
pub const SHARED: &str = "Qualité de la méthode et de la recherche d'informations|Pertinence de \
    l'argumentation|Cohérence des choix au regard du contexte|Qualité de la communication \
    écrite et orale|Rigueur de l'analyse des résultats|Prise en compte des enjeux de RSE";
pub const MODALITIES: &str = "case-study=Étude de cas professionnel|written=Épreuve écrite|\
    oral=Soutenance orale devant le jury|simulation=Mise en situation professionnelle|\
    project=Projet professionnel|portfolio=Dossier professionnel|continuous=Contrôle continu|\
    workplace=Évaluation en situation de travail";
pub const DURATIONS: &str = "3h|4h|2h30|45 min|30 min de présentation + 30 min d'échanges";
pub const FIRST: &str = "Camille|Léa|Inès|Karim|Lucas|Manon|Hugo|Chloé|Yanis|Emma|Théo|Sarah|\
    Nathan|Zoé|Mehdi|Jade|Louis|Sofiane|Élodie|Antoine|Fatou|Julien|Clémence|Aïcha|Romain|\
    Océane|Baptiste|Nadia|Kévin|Héloïse|Maxime|Salomé|Anaïs|Gaëlle";
pub const LAST: &str = "Martin|Dubois|Moreau|Benali|Lefèvre|Garcia|Bernard|Petit|Roux|Fournier|\
    Girard|Bonnet|Dupont|Lambert|Fontaine|Rousseau|Vincent|Muller|Faure|André|Mercier|Blanc|\
    Guérin|Boyer|Chevalier|Nguyen|Diallo|Haddad|Perrin|Morel|Gauthier|Lemaire|Da Silva";
pub const COMPANIES: &str = "Verdane Export|Atelier Lumen|Transports Roussel|Groupe Hexaline|\
    Clinique des Tilleuls|Boulangeries Maréchal|Nordhavn Distribution|Solvéo Énergie|\
    Cabinet Ferrand|Maison Delorme|Hôtel du Port|Textiles Berthier|Kelvor Industries";
pub const ROLES: &str = "Directrice commerciale|Directeur d'agence|Responsable des ressources \
    humaines|Gérant|Cheffe de projet|Responsable qualité|Directeur des opérations";
pub const POSTS: &str = "Chargé·e de développement commercial|Assistant·e de gestion|Chef·fe de \
    projet junior|Coordinateur·rice d'équipe|Responsable de secteur|Chargé·e de mission";
pub const MISSIONS: &str = "Construire et suivre le tableau de bord mensuel de l'activité|\
    Organiser les réunions d'équipe et le suivi des objectifs individuels|Conduire la veille \
    concurrentielle et réglementaire|Préparer et négocier les contrats avec les partenaires|\
    Mettre à jour les procédures qualité et animer les audits internes|Piloter le déploiement \
    du nouvel outil de gestion|Analyser les résultats et proposer des actions correctives";
pub const LEVELS: &str = "acquired|acquired|acquired|partly-acquired|partly-acquired|not-acquired";
pub const ROUTES: &str = "initial|continuing|apprenticeship|apprenticeship|vae|executive";
pub const DOCS: &str = "Plan de prospection|Tableau de bord commercial|Bilan de campagne|\
    Diagnostic de l'existant|Compte rendu de réunion d'équipe|Cahier des charges|Étude de \
    marché|Procédure de traitement des réclamations|Rapport d'activité|Note de synthèse à la \
    direction|Analyse des écarts|Plan de formation|Retour d'expérience|Audit interne";
pub const PLACES: &str = "Sud-Est|Grand Ouest|Île-de-France|Hauts-de-France|agence de Lyon|\
    agence de Nantes|site de Lille|premier trimestre|second semestre|2026|projet Atlas";
pub const WHERE: &str = "section 2, tableau de synthèse|annexe 1|p. 4 à 6|partie « Démarche »";
// Prose templates: `{c}` company, `{o}` object, `{v}` verb, `{n}` `{N}` `{p}` numbers.
pub const CONTEXT: &str = "Au sein de {c}, j'ai été chargé·e de reprendre {o} après une \
    réorganisation du service.|L'entreprise {c} compte {N} salariés répartis sur {n} sites, et \
    la direction souhaitait revoir {o}.|Ce travail répond à une demande de ma tutrice, qui \
    constatait des écarts répétés sur {o}.|Le contexte était marqué par une baisse d'activité \
    de {p} % sur l'exercice précédent.|J'ai conduit cette mission pendant {n} semaines, avec \
    le responsable de service.|Les outils existants ne permettaient pas de suivre {o}.";
pub const APPROACH: &str = "J'ai d'abord recensé les informations disponibles et interrogé {n} \
    interlocuteurs internes.|J'ai construit une grille d'analyse pour comparer les options et \
    présenter un choix argumenté.|Une réunion de lancement a permis de partager les objectifs, \
    le calendrier et les rôles.|J'ai formalisé la démarche dans un document de {n} pages validé \
    par la direction.|Chaque semaine, un point d'avancement permettait d'ajuster le plan.|J'ai \
    tenu compte des besoins des personnes en situation de handicap.|Les données ont été \
    extraites de l'outil de gestion puis consolidées dans un tableur partagé.";
pub const RESULTS: &str = "L'objectif initial est atteint à {p} %, avec un écart expliqué par un \
    retard de livraison.|Le nombre de réclamations a diminué de {p} % en {n} mois.|Les délais \
    de traitement sont passés de {n} jours à moins d'une semaine.|La direction a validé la \
    reconduction du dispositif.|Au total, {N} contacts ont été qualifiés dans le CRM.|Le \
    budget consommé reste inférieur de {p} % à l'enveloppe prévue.";
pub const LESSONS: &str = "Cette expérience montre que je sais {v} {o} de manière autonome.|Avec \
    le recul, j'aurais associé plus tôt les équipes de terrain.|Je retiens l'importance \
    d'indicateurs simples, partagés et suivis dans la durée.|Ce travail m'a permis de \
    consolider ma posture professionnelle face à la direction.";
pub const MEASURES: &str = "Chiffre d'affaires (k€)|Nouveaux clients|Taux de satisfaction (%)|\
    Délai moyen (jours)|Rendez-vous qualifiés|Réclamations traitées|Heures de formation";
pub const STATUSES: &str = "Réalisé|Réalisé|En cours|Reporté|À lancer";
pub const CODE: [&str; 2] = [
    "```sql\nSELECT region, COUNT(*) AS commandes, SUM(montant) AS ca\nFROM commandes\n\
     WHERE date_commande >= '2026-01-01'\nGROUP BY region\nORDER BY ca DESC;\n```\n",
    "```python\nimport csv\n\nwith open(\"export.csv\", encoding=\"utf-8\") as f:\n    \
     lignes = list(csv.DictReader(f))\nretards = [l for l in lignes if l[\"statut\"] == \
     \"retard\"]\nprint(len(retards), \"commandes en retard\")\n```\n",
];
